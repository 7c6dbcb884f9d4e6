using System.Text;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Tests.WebRtc.Rtp;

public class RtpHeaderWriterTests
{
    [Theory]
    [InlineData(new byte[] { 1, 3 }, new[] { 1, 16 }, RtpExtensionReader.OneByteProfile)]
    [InlineData(new byte[] { 1, 20 }, new[] { 2, 3 }, (ushort)0x1000)]   // ID 20 needs the two-byte form
    [InlineData(new byte[] { 5 }, new[] { 17 }, (ushort)0x1000)]        // 17 bytes need the two-byte form
    public void Extensions_round_trip_in_the_form_they_fit(byte[] ids, int[] lengths, ushort expectedProfile)
    {
        var elements = ids.Select((id, i) => new RtpExtensionElement(id, Enumerable.Range(0, lengths[i]).Select(b => (byte)(b + id)).ToArray())).ToArray();
        uint[] csrcs = [0xAABBCCDD, 7];
        var buffer = new byte[200];
        var length = RtpHeaderWriter.Write(buffer, true, 96, 65535, 123456, 0xCAFEBABE, csrcs, elements);
        Assert.Equal(RtpHeaderWriter.Length(csrcs.Length, elements), length);
        Encoding.ASCII.GetBytes("payload").CopyTo(buffer, length);

        var packet = buffer.AsSpan(0, length + 7);
        Assert.True(RtpHeader.TryParse(packet, out var h, out _));
        Assert.True(h.Marker);
        Assert.Equal(96, h.PayloadType);
        Assert.Equal(65535, h.SequenceNumber);
        Assert.Equal(123456u, h.Timestamp);
        Assert.Equal(0xCAFEBABE, h.Ssrc);
        Assert.Equal(csrcs, new[] { RtpHeader.CsrcAt(packet, 0), RtpHeader.CsrcAt(packet, 1) });
        Assert.Equal(expectedProfile, h.ExtensionProfile);
        Assert.Equal("payload", Encoding.ASCII.GetString(packet.Slice(h.PayloadOffset, h.PayloadLength)));

        var reader = RtpExtensionReader.Of(packet, h);
        foreach (var e in elements)
        {
            Assert.True(reader.TryReadNext(out var id, out var value));
            Assert.Equal(e.Id, id);
            Assert.Equal(e.Value.ToArray(), value.ToArray());
        }
        Assert.False(reader.TryReadNext(out _, out _));
    }
}
