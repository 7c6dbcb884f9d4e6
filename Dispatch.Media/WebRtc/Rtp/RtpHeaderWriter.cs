using System.Buffers.Binary;

namespace Dispatch.Media.WebRtc.Rtp;

/// <summary>
/// Serializes an RTP header (RFC 3550 §5.1) with CSRCs and RFC 8285 extension elements. The one-byte
/// form is used when every element fits it (§4.2), the two-byte form otherwise (§4.3); the block is
/// zero-padded to a 32-bit boundary.
/// </summary>
public static class RtpHeaderWriter
{
    public static int Length(int csrcCount, ReadOnlySpan<RtpExtensionElement> extensions)
    {
        var length = RtpHeader.FixedLength + 4 * csrcCount;
        if (!extensions.IsEmpty)
        {
            length += 4 + Padded(ExtensionDataLength(extensions, UseOneByte(extensions)));
        }
        return length;
    }

    /// <returns>Bytes written; the payload goes after them.</returns>
    public static int Write(Span<byte> destination, bool marker, byte payloadType, ushort sequenceNumber, uint timestamp,
        uint ssrc, ReadOnlySpan<uint> csrcs = default, ReadOnlySpan<RtpExtensionElement> extensions = default, bool padding = false)
    {
        if (csrcs.Length > 15 || payloadType > 127)
        {
            throw new ArgumentException("RTP allows at most 15 CSRCs and a 7-bit payload type.");
        }
        var total = Length(csrcs.Length, extensions);
        if (destination.Length < total)
        {
            throw new ArgumentException("Destination too small for the RTP header.", nameof(destination));
        }
        destination[0] = (byte)((RtpHeader.Version << 6) | (padding ? 0x20 : 0) | (extensions.IsEmpty ? 0 : 0x10) | csrcs.Length);
        destination[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ssrc);
        var offset = RtpHeader.FixedLength;
        foreach (var csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }
        if (!extensions.IsEmpty)
        {
            var oneByte = UseOneByte(extensions);
            var dataLength = Padded(ExtensionDataLength(extensions, oneByte));
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], oneByte ? RtpExtensionReader.OneByteProfile : (ushort)0x1000);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(dataLength / 4));
            offset += 4;
            var end = offset + dataLength;
            foreach (var e in extensions)
            {
                if (oneByte)
                {
                    destination[offset++] = (byte)((e.Id << 4) | (e.Value.Length - 1));
                }
                else
                {
                    destination[offset++] = e.Id;
                    destination[offset++] = (byte)e.Value.Length;
                }
                e.Value.Span.CopyTo(destination[offset..]);
                offset += e.Value.Length;
            }
            destination[offset..end].Clear();
            offset = end;
        }
        return offset;
    }

    private static bool UseOneByte(ReadOnlySpan<RtpExtensionElement> extensions)
    {
        foreach (var e in extensions)
        {
            if (!e.FitsOneByteForm)
            {
                return false;
            }
        }
        return true;
    }

    private static int ExtensionDataLength(ReadOnlySpan<RtpExtensionElement> extensions, bool oneByte)
    {
        var length = 0;
        foreach (var e in extensions)
        {
            if (e.Value.Length > 255 || e.Id == 0)
            {
                throw new ArgumentException("An extension element needs an ID above 0 and at most 255 bytes.");
            }
            length += (oneByte ? 1 : 2) + e.Value.Length;
        }
        return length;
    }

    private static int Padded(int length) => (length + 3) & ~3;
}
