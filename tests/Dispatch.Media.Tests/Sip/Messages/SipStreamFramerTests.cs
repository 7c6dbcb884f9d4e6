using System.Text;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Tests.Sip.Messages;

public sealed class SipStreamFramerTests
{
    private static readonly byte[] Two = Encoding.ASCII.GetBytes(
        "\r\n\r\nMESSAGE sip:a@b SIP/2.0\r\nl: 5\r\n\r\nhelloOPTIONS sip:a@b SIP/2.0\r\nContent-Length: 0\r\n\r\n");

    [Fact]
    public void A_stream_is_cut_into_messages_by_content_length_after_keep_alive_crlfs()
    {
        Assert.Equal(SipFrameStatus.Complete, SipStreamFramer.TryFrame(Two, out var skipped, out var length));
        Assert.Equal(4, skipped);
        Assert.EndsWith("hello", Encoding.ASCII.GetString(Two, skipped, length));

        Assert.Equal(SipFrameStatus.Complete, SipStreamFramer.TryFrame(Two.AsSpan(skipped + length), out _, out var second));
        Assert.Equal(Two.Length - skipped - length, second);
    }

    [Fact]
    public void A_partial_message_asks_for_more_data()
    {
        Assert.Equal(SipFrameStatus.NeedMoreData, SipStreamFramer.TryFrame(Two.AsSpan(0, 40), out _, out _));
    }

    [Fact]
    public void A_stream_message_without_content_length_cannot_be_framed()
    {
        var bytes = Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\n\r\n");

        Assert.Equal(SipFrameStatus.Invalid, SipStreamFramer.TryFrame(bytes, out _, out _));
    }
}
