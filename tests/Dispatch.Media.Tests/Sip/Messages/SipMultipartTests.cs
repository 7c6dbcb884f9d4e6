using System.Text;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Tests.Sip.Messages;

public sealed class SipMultipartTests
{
    [Fact]
    public void The_torture_multipart_message_splits_into_its_text_and_binary_parts()
    {
        var message = SipMessageParser.Parse(TortureManifest.Get("mpart01.dat").Bytes).Message!;

        Assert.True(SipMultipart.TrySplit(message.ContentType!, message.Body, out var parts));

        Assert.Equal(2, parts.Count);
        Assert.Equal("text/plain", parts[0].ContentType!.MediaType);
        Assert.Equal("Hello", Encoding.UTF8.GetString(parts[0].Body.Span));
        Assert.Equal("application/octet-stream", parts[1].ContentType!.MediaType);
        Assert.Equal(0x30, parts[1].Body.Span[0]); // a DER SEQUENCE
    }

    [Fact]
    public void A_body_without_its_boundary_does_not_split()
    {
        Assert.True(SipContentType.TryParse("multipart/mixed;boundary=xyz", out var type));

        Assert.False(SipMultipart.TrySplit(type, Encoding.UTF8.GetBytes("no delimiters here"), out _));
    }
}
