using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtp;

/// <summary>
/// The fixed RTP header and the offsets of what follows it (RFC 3550 §5.1), read without copying:
/// <code>
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// |                           timestamp                           |
/// |           synchronization source (SSRC) identifier            |
/// |            contributing source (CSRC) identifiers (0-15)      |
/// |  profile (0xBEDE / 0x100x)    |   extension length (words)    |  if X
/// |                    extension data ...                         |
/// |                    payload ...  | padding ... | pad count     |  if P
/// </code>
/// </summary>
public readonly record struct RtpHeader(
    bool Padding,
    bool Extension,
    int CsrcCount,
    bool Marker,
    byte PayloadType,
    ushort SequenceNumber,
    uint Timestamp,
    uint Ssrc,
    ushort ExtensionProfile,
    int ExtensionOffset,
    int ExtensionLength,
    int PayloadOffset,
    int PayloadLength,
    int PaddingLength)
{
    public const int FixedLength = 12;
    public const int Version = 2;

    /// <summary>Header length including CSRCs and extension; the payload starts here.</summary>
    public int HeaderLength => PayloadOffset;

    public static uint CsrcAt(ReadOnlySpan<byte> packet, int index) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedLength + 4 * index)..]);

    /// <summary>Parses the header; a packet of only padding (RFC 3550 §5.1) is valid with an empty payload.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header, out RtpParseError error)
    {
        header = default;
        error = TryGetHeaderLength(packet, out var headerLength, out var extensionProfile, out var extensionLength);
        if (error != RtpParseError.None)
        {
            return false;
        }
        var padding = (packet[0] & 0x20) != 0;
        var paddingLength = 0;
        if (padding)
        {
            // RFC 3550 §5.1: the last octet counts the padding, itself included, so it cannot be zero.
            paddingLength = packet[^1];
            if (paddingLength == 0 || headerLength + paddingLength > packet.Length)
            {
                error = RtpParseError.BadPadding;
                return false;
            }
        }
        var extension = (packet[0] & 0x10) != 0;
        header = new RtpHeader(
            padding,
            extension,
            packet[0] & 0x0F,
            (packet[1] & 0x80) != 0,
            (byte)(packet[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            extensionProfile,
            extension ? headerLength - extensionLength : 0,
            extensionLength,
            headerLength,
            packet.Length - headerLength - paddingLength,
            paddingLength);
        return true;
    }

    /// <summary>Header length only, as SRTP needs to find where encryption starts (RFC 3711 §3.1).</summary>
    public static RtpParseError TryGetHeaderLength(ReadOnlySpan<byte> packet, out int headerLength, out ushort extensionProfile, out int extensionLength)
    {
        headerLength = 0;
        extensionProfile = 0;
        extensionLength = 0;
        if (packet.Length < FixedLength)
        {
            return RtpParseError.TooShort;
        }
        if (packet[0] >> 6 != Version)
        {
            return RtpParseError.BadVersion;
        }
        var length = FixedLength + 4 * (packet[0] & 0x0F);
        if (length > packet.Length)
        {
            return RtpParseError.CsrcListTruncated;
        }
        if ((packet[0] & 0x10) != 0)
        {
            if (length + 4 > packet.Length)
            {
                return RtpParseError.ExtensionTruncated;
            }
            extensionProfile = BinaryPrimitives.ReadUInt16BigEndian(packet[length..]);
            extensionLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
            length += 4 + extensionLength;
            if (length > packet.Length)
            {
                return RtpParseError.ExtensionTruncated;
            }
        }
        headerLength = length;
        return RtpParseError.None;
    }
}
