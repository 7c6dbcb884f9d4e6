using System.Net;
using System.Text;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transport;

namespace Dispatch.Media.Tests.Sip.Messages;

/// <summary>Typed header values are parsed once per field and kept until the field changes.</summary>
public sealed class SipParsedHeaderTests
{
    private const string Register =
        "REGISTER sip:dispatch SIP/2.0\r\nv: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK-1;rport, SIP/2.0/TCP proxy.example;branch=z9hG4bK-2\r\n" +
        "Max-Forwards: 70\r\nf: <sip:alice@dispatch>;tag=a1\r\nTo: <sip:alice@dispatch>\r\ni: reg-1@192.0.2.1\r\n" +
        "CSeq: 7 REGISTER\r\nm: <sip:alice@192.0.2.1:5062>;expires=60, <sip:alice@198.51.100.2>\r\nX-Trace:  folded\r\n  value \r\n" +
        "Expires: 3600\r\nl: 0\r\n\r\n";

    private static SipRequest Parse(string text)
    {
        var result = SipMessageParser.Parse(Encoding.UTF8.GetBytes(text));
        Assert.True(result.IsSuccess, result.ToString());
        return (SipRequest)result.Message;
    }

    [Fact]
    public void Accessors_return_the_same_parsed_values_on_every_read()
    {
        var request = Parse(Register);

        Assert.Same(request.TopVia, request.TopVia);
        Assert.Same(request.TopVia, request.Vias[0]);
        Assert.Same(request.Vias[1], request.Vias[1]);
        Assert.Same(request.From, request.From);
        Assert.Same(request.To, request.To);
        Assert.Same(request.Contacts[0], request.Contacts[0]);
        Assert.Same(request.Contacts[1], request.Contacts[1]);
        Assert.Equal(new SipCSeq(7, "REGISTER"), request.CSeq);
    }

    [Fact]
    public void Header_lines_read_from_bytes_keep_names_values_and_order()
    {
        var request = Parse(Register);

        Assert.Equal(
            ["Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Contact", "X-Trace", "Expires", "Content-Length"],
            request.Headers.Select(f => f.Name));
        Assert.Equal("folded value", request.Headers["x-trace"]);
        Assert.Equal("reg-1@192.0.2.1", request.CallId);
        Assert.Equal(["UDP", "TCP"], request.Vias.Select(v => v.Transport));
        Assert.Equal("60", request.Contacts[0].Parameters["expires"]);
        Assert.Equal(3600, request.Expires);
    }

    [Fact]
    public void A_replaced_field_is_parsed_again()
    {
        var request = Parse(Register);
        var before = request.From;

        request.Headers.Set(SipHeaderNames.From, "<sip:bob@dispatch>;tag=b2");

        Assert.NotSame(before, request.From);
        Assert.Equal("bob", request.From!.Uri.User);
        Assert.Equal("b2", request.From.Tag);
    }

    [Fact]
    public void The_via_stamp_updates_the_text_and_the_parsed_top_via_together()
    {
        var request = Parse(Register);

        SipViaStamp.Apply(request.Headers, new IPEndPoint(IPAddress.Parse("203.0.113.9"), 40000));

        Assert.Equal("SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK-1;rport=40000;received=203.0.113.9, SIP/2.0/TCP proxy.example;branch=z9hG4bK-2",
            request.Headers[SipHeaderNames.Via]);
        Assert.Equal("203.0.113.9", request.TopVia!.Received);
        Assert.Equal("40000", request.TopVia.Parameters["rport"]);
        Assert.Same(request.TopVia, request.Vias[0]);
    }

    [Fact]
    public void A_header_name_with_non_ascii_bytes_is_malformed()
    {
        var result = SipMessageParser.Parse(Encoding.UTF8.GetBytes(Register.Replace("X-Trace", "X-Träce", StringComparison.Ordinal)));

        Assert.False(result.IsSuccess);
        Assert.Equal("Bad Request - Malformed Header Line", result.Error.ReasonPhrase);
    }

    [Fact]
    public void The_writer_emits_exactly_the_message_with_non_ascii_text_and_a_body()
    {
        var response = new SipResponse(200, "OK");
        response.Headers.Add("Subject", "Grüße, 你好");
        response.Body = "v=0\r\n"u8.ToArray();

        var bytes = response.ToBytes();

        Assert.Equal("SIP/2.0 200 OK\r\nSubject: Grüße, 你好\r\nContent-Length: 5\r\n\r\nv=0\r\n", Encoding.UTF8.GetString(bytes));
    }
}
