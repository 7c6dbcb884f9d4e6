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

    private const string Start = "REGISTER sip:dispatch SIP/2.0\r\n";

    private const string Rest =
        "Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\nTo: <sip:alice@dispatch>\r\n" +
        "Call-ID: c1\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";

    [Theory]
    [InlineData("From: <sip:alice@dispatch;tag=a1\r\n", "Invalid From")]
    [InlineData("From: M\u00fcller <sip:alice@dispatch>;tag=a1\r\n", "Invalid From")]
    [InlineData("From: <sip:alice@dispatch>;;tag=a1\r\n", "Invalid From")]
    [InlineData("From: <sip:@dispatch>;tag=a1\r\n", "Invalid From")]
    [InlineData("From: <sip:alice@dispatch>;tag=a1\r\nContact: <sip:a@h>;expires=\r\n", "Invalid Contact")]
    [InlineData("From: <sip:alice@dispatch>;tag=a1\r\nContact: <sip:a@h>, sip:b@h?x=1\r\n", "Invalid Contact")]
    [InlineData("From: <sip:alice@dispatch>;tag=a1\r\nRoute: <sip:p1;lr>, <sip:p2:99999;lr>\r\n", "Invalid Route")]
    [InlineData("From: <sip:alice@dispatch>;tag=a1\r\nRecord-Route: \"unterminated <sip:p1;lr>\r\n", "Invalid Record-Route")]
    public void Fields_the_parser_only_checks_are_still_rejected_by_name(string fields, string fault)
    {
        var result = SipMessageParser.Parse(Encoding.UTF8.GetBytes(Start + fields + Rest));

        Assert.False(result.IsSuccess);
        Assert.Equal("Bad Request - " + fault, result.Error!.ReasonPhrase);
    }

    [Fact]
    public void Fields_the_parser_only_checks_are_built_on_first_read_and_kept()
    {
        var text = Start + "From: \"Alice \\\"A\\\" Liddell\" <sip:alice@dispatch>;tag=a1\r\n" +
            "Contact: <sip:alice@192.0.2.1:5062;transport=udp>;expires=60, \"Desk, 2\" <sip:alice@192.0.2.2>\r\n" +
            "Route: <sip:p1.example;lr>\r\n" + Rest;
        var request = (SipRequest)SipMessageParser.Parse(Encoding.UTF8.GetBytes(text)).Message!;

        var from = request.From!;
        Assert.Equal("Alice \"A\" Liddell", from.DisplayName);
        Assert.Equal("a1", from.Tag);
        Assert.Same(from, request.From);
        Assert.Equal(["udp", null], request.Contacts.Select(c => c.Uri.Parameters["transport"]));
        Assert.Equal("Desk, 2", request.Contacts[1].DisplayName);
        Assert.Same(request.Contacts[0], request.Contacts[0]);
        Assert.Equal("p1.example", Assert.Single(request.Headers.Elements("Route")) is var route && SipNameAddress.TryParse(route, out var r) ? r.Uri.Host : null);
    }
}
