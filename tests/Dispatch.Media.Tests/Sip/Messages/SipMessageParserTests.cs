using System.Text;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Tests.Sip.Messages;

public sealed class SipMessageParserTests
{
    private static SipMessage ParseFile(string file)
    {
        var result = SipMessageParser.Parse(TortureManifest.Get(file).Bytes);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Message;
    }

    private static SipParseResult ParseText(string text) => SipMessageParser.Parse(Encoding.UTF8.GetBytes(text));

    private const string Options =
        "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK77;rport\r\n" +
        "Max-Forwards: 70\r\nTo: <sip:bob@example.com>\r\nFrom: \"Alice\" <sip:alice@example.com>;tag=a1\r\n" +
        "Call-ID: abc@192.0.2.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public void Folded_lines_and_whitespace_around_separators_are_understood()
    {
        var message = ParseFile("wsinv.dat");

        Assert.Equal(new SipCSeq(9, "INVITE"), message.CSeq);
        Assert.Equal(68, message.MaxForwards);
        Assert.Equal("1918181833n", message.To!.Tag);
        Assert.Equal("J Rosenberg \\\"", message.From!.DisplayName);
        Assert.Equal("98asjd8", message.From.Tag);
        Assert.Equal(["UDP", "TCP", "UDP"], message.Vias.Select(v => v.Transport));
        Assert.Equal("z9hG4bK30239", message.Vias[2].Branch);
        Assert.Equal("0.33", message.Contacts.Single().Parameters["q"]);
        Assert.Equal("Quoted string \"\"", message.Contacts.Single().DisplayName);
        Assert.Equal(150, message.Body.Length);
    }

    [Fact]
    public void Compact_header_forms_map_to_their_long_names()
    {
        var message = ParseFile("dblreq.dat");

        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", message.CallId);
        Assert.Equal(0, message.Body.Length);
        Assert.Equal("REGISTER", ((SipRequest)message).Method);
    }

    [Fact]
    public void Escapes_in_a_uri_are_kept_and_can_be_decoded()
    {
        var request = (SipRequest)ParseFile("esc01.dat");

        Assert.Equal("sips%3Auser%40example.com", request.RequestUri.User);
        Assert.Equal("sips:user@example.com", SipUri.Unescape(request.RequestUri.User!));
        Assert.Equal("caller", SipUri.Unescape(request.Contacts.Single().Uri.User!));
        Assert.Equal("v%61lue%25%34%31", request.Contacts.Single().Uri.Parameters["n%61me"]);
    }

    [Fact]
    public void A_user_part_may_hold_semicolons_and_question_marks()
    {
        var request = (SipRequest)ParseFile("semiuri.dat");

        Assert.Equal("user;par=u%40example.net", request.RequestUri.User);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal(6, request.Headers.Elements("Accept").Count());
    }

    [Fact]
    public void A_sip_uri_splits_into_user_host_port_parameters_and_headers()
    {
        Assert.True(SipUri.TryParse("sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?subject=hi&priority=urgent", out var uri));

        Assert.Equal(("sips", "alice", "secret", "[2001:db8::1]", 5061), (uri.Scheme, uri.User, uri.Password, uri.Host, uri.Port));
        Assert.Equal("tcp", uri.Parameters["transport"]);
        Assert.True(uri.Parameters.Contains("lr"));
        Assert.Equal("subject=hi&priority=urgent", uri.Headers);
    }

    [Fact]
    public void Several_contact_lines_and_comma_lists_are_one_list()
    {
        var message = ParseFile("esc02.dat");

        Assert.Equal(["alias1", "alias3"], message.Contacts.Select(c => c.Uri.User));
        Assert.Equal("<sip:alias2@host2.example.com>", message.Headers["C%6Fntact"]);
    }

    [Fact]
    public void A_message_without_content_length_over_udp_takes_the_rest_as_body()
    {
        var message = ParseFile("inv2543.dat");

        Assert.Null(message.ContentLength);
        Assert.StartsWith("v=0", Encoding.ASCII.GetString(message.Body.Span));
    }

    [Fact]
    public void A_message_over_the_size_limit_is_rejected_with_513_and_keeps_its_headers()
    {
        var result = SipMessageParser.Parse(Encoding.UTF8.GetBytes(Options), new SipParserOptions { MaxMessageBytes = 100 });

        Assert.Equal(513, result.Error!.StatusCode);
        Assert.Equal("abc@192.0.2.1", result.Error.Headers![SipHeaderNames.CallId]);
    }

    [Fact]
    public void Garbage_is_rejected_without_headers()
    {
        var result = SipMessageParser.Parse(new byte[] { 0, 1, 2, 0xff, 13, 10 });

        Assert.False(result.IsSuccess);
        Assert.Null(result.Error.Headers);
    }

    [Fact]
    public void A_header_line_without_a_colon_is_named_in_the_error()
    {
        var result = ParseText(Options.Replace("Max-Forwards: 70", "Max-Forwards 70"));

        Assert.Equal("Bad Request - Malformed Header Line", result.Error!.ReasonPhrase);
    }

    [Fact]
    public void A_max_forwards_above_255_is_rejected()
    {
        var result = ParseText(Options.Replace("Max-Forwards: 70", "Max-Forwards: 256"));

        Assert.Equal("Bad Request - Invalid Max-Forwards", result.Error!.ReasonPhrase);
    }

    [Fact]
    public void A_serialised_message_parses_back_to_the_same_fields()
    {
        var original = (SipRequest)ParseText(Options).Message!;
        original.Body = Encoding.UTF8.GetBytes("hello");

        var again = (SipRequest)SipMessageParser.Parse(original.ToBytes()).Message!;

        Assert.Equal(("OPTIONS", "sip:bob@example.com"), (again.Method, again.RequestUri.ToString()));
        Assert.Equal(original.Headers.Select(h => h.Name).Where(n => n != "Content-Length"), again.Headers.Select(h => h.Name).Where(n => n != "Content-Length"));
        Assert.Equal(5, again.ContentLength);
        Assert.Equal("hello", Encoding.UTF8.GetString(again.Body.Span));
        Assert.Equal("Alice", again.From!.DisplayName);
    }

    [Fact]
    public void A_response_copies_via_from_call_id_cseq_and_adds_a_to_tag()
    {
        var request = (SipRequest)ParseText(Options).Message!;

        var response = request.CreateResponse(404, toTag: "t9");

        Assert.Equal("SIP/2.0 404 Not Found", response.ToString());
        Assert.Equal("t9", response.To!.Tag);
        Assert.Equal("a1", response.From!.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal("z9hG4bK77", response.TopVia!.Branch);
    }

    [Fact]
    public void A_100_trying_carries_no_to_tag()
    {
        var request = (SipRequest)ParseText(Options).Message!;

        Assert.Null(request.CreateResponse(100).To!.Tag);
    }
}
