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

    /// <summary>
    /// Whether every record in the datagram is well formed: a known content type (RFC 6347 §4.1: change_cipher_spec,
    /// alert, handshake, application_data), a DTLS version, a length that fits, and, once protected
    /// (epoch above 0), room for the GCM nonce and tag. BouncyCastle ignores records that fail to
    /// authenticate, but a protected record too short to hold them makes it raise a fatal decode_error and
    /// close the association: one forged 15-byte datagram would do it. RFC 6347 §4.1.2.7 wants such
    /// records silently discarded, so they are dropped here first.
    /// </summary>
    public static bool HasOnlyWellFormedRecords(ReadOnlySpan<byte> datagram)
    {
        while (!datagram.IsEmpty)
        {
            if (datagram.Length < RecordHeaderLength || datagram[0] is < 20 or > 23 || datagram[1] != 0xFE)
            {
                return false;
            }
            var epoch = (datagram[3] << 8) | datagram[4];
            var length = (datagram[11] << 8) | datagram[12];
            if (length > datagram.Length - RecordHeaderLength
                || (epoch != 0 && length < DtlsSuites.MinProtectedRecordLength))
            {
                return false;
            }
            datagram = datagram[(RecordHeaderLength + length)..];
        }
        return true;
    }

    /// <summary>A handshake record of epoch 0 carrying a ClientHello: what a server waits for before it starts.</summary>
    public static bool IsClientHello(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= RecordHeaderLength + HandshakeHeaderLength
        && datagram[0] == ContentTypeHandshake
        && datagram[1] == 0xFE // DTLS versions are 0xFEFF (1.0) and 0xFEFD (1.2), RFC 6347 §4.1
        && datagram[3] == 0 && datagram[4] == 0
        && datagram[RecordHeaderLength] == HandshakeTypeClientHello;
}
