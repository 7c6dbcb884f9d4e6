namespace Dispatch.Media.WebRtc.Dtls.Internal;

/// <summary>Cheap checks on a datagram before it reaches BouncyCastle.</summary>
internal static class DtlsRecordInspector
{
    /// <summary>RFC 6347 §4.1: type(1) version(2) epoch(2) sequence_number(6) length(2).</summary>
    public const int RecordHeaderLength = 13;

    /// <summary>RFC 6347 §4.2.2: type(1) length(3) message_seq(2) fragment_offset(3) fragment_length(3).</summary>
    private const int HandshakeHeaderLength = 12;

    private const byte ContentTypeHandshake = 22;
    private const byte HandshakeTypeClientHello = 1;

    /// <summary>RFC 7983 §7: a first byte in 20..63 marks DTLS on a port shared with STUN, RTP and TURN.</summary>
    public static bool IsDtls(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= RecordHeaderLength && datagram[0] is >= 20 and <= 63;

    /// <summary>A handshake record of epoch 0 carrying a ClientHello: what a server waits for before it starts.</summary>
    public static bool IsClientHello(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= RecordHeaderLength + HandshakeHeaderLength
        && datagram[0] == ContentTypeHandshake
        && datagram[1] == 0xFE // DTLS versions are 0xFEFF (1.0) and 0xFEFD (1.2), RFC 6347 §4.1
        && datagram[3] == 0 && datagram[4] == 0
        && datagram[RecordHeaderLength] == HandshakeTypeClientHello;
}
