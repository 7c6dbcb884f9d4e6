using System.Buffers.Binary;
using System.Text;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.WebRtc.Forwarding;

/// <summary>
/// Carries RTP header extensions (RFC 8285) from one leg's negotiation to another's for one media kind: an element
/// keeps its value under the id the receiving leg gave the same URI, the MID element (RFC 9143 §15) gets the
/// receiving section's mid as its value, and an element whose URI the receiver did not negotiate is stripped.
/// When every id maps to itself and the mids are equal (two browsers of one make), packets pass unchanged.
/// </summary>
public sealed class HeaderExtensionMap
{
    private const int MaxElements = 32;
    private readonly byte[] _ids = new byte[256];
    private readonly int _midId;
    private readonly byte[] _mid;

    public HeaderExtensionMap(LegSection from, LegSection to)
    {
        var identity = true;
        foreach (var extension in from.Extensions)
        {
            var id = to.ExtensionId(extension.Uri);
            if (extension.Id is >= 1 and <= 255)
            {
                _ids[extension.Id] = (byte)id;
                identity &= id == extension.Id;
            }
        }
        _midId = from.ExtensionId(MediaCapabilities.MidUri);
        _mid = Encoding.ASCII.GetBytes(to.Mid);
        IsIdentity = identity && (_midId == 0 || from.Mid == to.Mid);
    }

    /// <summary>True when packets can be forwarded with their extension block untouched.</summary>
    public bool IsIdentity { get; }

    /// <summary>
    /// Writes <paramref name="packet"/> to <paramref name="destination"/> with its extension block rewritten;
    /// returns the new length, or 0 when the block is malformed (drop the packet).
    /// </summary>
    public int Rewrite(ReadOnlySpan<byte> packet, in RtpHeader header, Span<byte> destination)
    {
        var fixedAndCsrc = RtpHeader.FixedLength + 4 * header.CsrcCount;
        Span<byte> ids = stackalloc byte[MaxElements];
        Span<int> offsets = stackalloc int[MaxElements];
        Span<int> lengths = stackalloc int[MaxElements];
        var count = 0;
        var oneByte = true;
        var dataLength = 0;
        var reader = RtpExtensionReader.Of(packet, header);
        while (count < MaxElements && reader.TryReadNext(out var id, out var value))
        {
            var mapped = _ids[id];
            if (mapped == 0)
            {
                continue;
            }
            var isMid = id == _midId;
            var length = isMid ? _mid.Length : value.Length;
            ids[count] = mapped;
            // Offsets into the packet; a MID element's value is ours (-1).
            packet.Overlaps(value, out var valueOffset);
            offsets[count] = isMid ? -1 : valueOffset;
            lengths[count] = length;
            oneByte &= mapped <= 14 && length is >= 1 and <= 16;
            count++;
        }
        if (reader.Malformed)
        {
            return 0;
        }
        for (var i = 0; i < count; i++)
        {
            dataLength += (oneByte ? 1 : 2) + lengths[i];
        }
        var padded = (dataLength + 3) & ~3;
        var headerLength = fixedAndCsrc + (count > 0 ? 4 + padded : 0);
        var payload = packet[header.PayloadOffset..];
        if (destination.Length < headerLength + payload.Length)
        {
            return 0;
        }
        packet[..fixedAndCsrc].CopyTo(destination);
        destination[0] = (byte)(count > 0 ? destination[0] | 0x10 : destination[0] & ~0x10);
        var offset = fixedAndCsrc;
        if (count > 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], oneByte ? RtpExtensionReader.OneByteProfile : (ushort)0x1000);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(padded / 4));
            offset += 4;
            for (var i = 0; i < count; i++)
            {
                if (oneByte)
                {
                    destination[offset++] = (byte)((ids[i] << 4) | (lengths[i] - 1));
                }
                else
                {
                    destination[offset++] = ids[i];
                    destination[offset++] = (byte)lengths[i];
                }
                var value = offsets[i] < 0 ? _mid : packet.Slice(offsets[i], lengths[i]);
                value.CopyTo(destination[offset..]);
                offset += lengths[i];
            }
            destination[offset..(fixedAndCsrc + 4 + padded)].Clear();
            offset = fixedAndCsrc + 4 + padded;
        }
        payload.CopyTo(destination[offset..]);
        return offset + payload.Length;
    }
}
