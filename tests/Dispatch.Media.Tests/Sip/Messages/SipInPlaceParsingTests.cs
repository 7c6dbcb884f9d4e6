using System.Text;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Tests.Sip.Messages;

/// <summary>
/// The start line and the Via, URI and parameter parts are read from slices of the received text (only the parts
/// become strings, common tokens come from one table): the same messages are accepted and rejected as before.
/// </summary>
public sealed class SipInPlaceParsingTests
{
    private const string Fields =
        "Via: SIP/2.0/udp 192.0.2.1 : 5062 ;branch=z9hG4bK-1;rport\r\nMax-Forwards: 70\r\nFrom: <sip:alice@dispatch>;tag=a1\r\n" +
        "To: <sip:alice@dispatch>\r\nCall-ID: c1\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";

    private static SipParseResult Parse(string startLine) => SipMessageParser.Parse(Encoding.UTF8.GetBytes(startLine + "\r\n" + Fields));

    [Theory]
    [InlineData("REGISTER  sip:dispatch SIP/2.0")]
    [InlineData(" REGISTER sip:dispatch SIP/2.0")]
    [InlineData("REGISTER sip:dispatch SIP/2.0 ")]
    [InlineData("REGISTER sip:dispatch")]
    [InlineData("REGISTER sip:dis patch SIP/2.0")]
    public void A_request_line_without_exactly_two_single_spaces_is_malformed(string line)
    {
        var result = Parse(line);

        Assert.False(result.IsSuccess);
        Assert.Equal("Bad Request - Malformed Request-Line", result.Error!.ReasonPhrase);
    }

    [Theory]
    [InlineData("REGISTER sip:dispatch SIP/7.0", 505)]
    [InlineData("REGISTER sip:dispatch SIP/2.0.1", 400)]
    [InlineData("REGISTER sip:dispatch SIP/x", 400)]
    public void Another_sip_version_is_505_and_a_malformed_one_400(string line, int status)
    {
        Assert.Equal(status, Parse(line).Error!.StatusCode);
    }

    [Fact]
    public void A_request_uri_with_headers_is_still_refused()
    {
        Assert.Equal("Bad Request - Headers Not Allowed in Request-URI", Parse("REGISTER sip:dispatch?subject=x SIP/2.0").Error!.ReasonPhrase);
    }

    [Fact]
    public void A_start_line_longer_than_the_stack_buffer_is_read_the_same_way()
    {
        var user = new string('u', 600);
        var request = (SipRequest)Parse($"REGISTER sip:{user}@dispatch;transport=udp SIP/2.0").Message!;

        Assert.Equal(user, request.RequestUri.User);
        Assert.Equal("udp", request.RequestUri.Parameters["transport"]);
    }

    [Fact]
    public void Well_known_tokens_are_shared_and_other_values_kept_as_received()
    {
        var first = (SipRequest)Parse("REGISTER SIP:dispatch;Transport=TCP;x=Y SIP/2.0").Message!;
        var second = (SipRequest)Parse("REGISTER sip:dispatch SIP/2.0").Message!;

        Assert.Same(first.Method, second.Method);
        Assert.Equal("sip", first.RequestUri.Scheme); // schemes compare case-insensitively (§19.1.1)
        Assert.Same(first.RequestUri.Scheme, second.RequestUri.Scheme);
        Assert.Equal("TCP", first.RequestUri.Parameters["transport"]);
        Assert.Equal("Y", first.RequestUri.Parameters["x"]);
        Assert.Equal("UDP", first.TopVia!.Transport); // upper-cased, as before
        Assert.Same(first.TopVia.Transport, second.TopVia!.Transport);
    }

    [Fact]
    public void A_via_sent_by_with_spaces_around_the_colon_keeps_its_port()
    {
        var via = ((SipRequest)Parse("REGISTER sip:dispatch SIP/2.0").Message!).TopVia!;

        Assert.Equal("192.0.2.1", via.Host);
        Assert.Equal(5062, via.Port);
        Assert.Equal("z9hG4bK-1", via.Branch);
        Assert.True(via.HasRport);
    }

    [Theory]
    [InlineData("sip:alice@dispatch;", false)]
    [InlineData("sip:alice@dispatch;;lr", false)]
    [InlineData("sip:alice@dispatch;maddr=", false)]
    [InlineData("sip:@dispatch", false)]
    [InlineData("sip:alice:secret@dispatch:5070;lr;maddr=192.0.2.9?x=1", true)]
    public void Uri_parameters_read_from_a_slice_are_checked_as_before(string text, bool valid)
    {
        Assert.Equal(valid, SipUri.TryParse(text, out var uri));
        if (valid)
        {
            Assert.Equal(("alice", "secret", 5070, "192.0.2.9", "x=1"), (uri!.User, uri.Password, uri.Port, uri.Parameters["maddr"], uri.Headers));
            Assert.True(uri.Parameters.Contains("lr"));
        }
    }

    [Fact]
    public void A_single_contact_and_a_list_parse_alike_and_a_broken_element_fails_the_field()
    {
        var one = SipMessageParser.Parse(Encoding.UTF8.GetBytes("REGISTER sip:dispatch SIP/2.0\r\nContact: <sip:a@h>;expires=60\r\n" + Fields));
        var two = SipMessageParser.Parse(Encoding.UTF8.GetBytes("REGISTER sip:dispatch SIP/2.0\r\nContact: <sip:a@h>;expires=60, <sip:b@h>\r\n" + Fields));
        var broken = SipMessageParser.Parse(Encoding.UTF8.GetBytes("REGISTER sip:dispatch SIP/2.0\r\nContact: <sip:a@h>, <sip:b@h\r\n" + Fields));

        Assert.Equal("60", Assert.Single(one.Message!.Contacts).Parameters["expires"]);
        Assert.Equal(["a", "b"], two.Message!.Contacts.Select(c => c.Uri.User));
        Assert.Equal("Bad Request - Invalid Contact", broken.Error!.ReasonPhrase);
    }
}
