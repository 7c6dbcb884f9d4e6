using System.Text;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;

namespace Dispatch.Media.Tests.Sip.Server;

/// <summary>RFC 4475 §3.3: well-formed requests that a UAS must refuse with a particular code.</summary>
public sealed class SipRequestValidatorTests
{
    private readonly SipRequestValidator _validator = new();

    public static TheoryData<string> Semantic => TortureManifest.Where(e => e.SemanticCode is not null);

    [Theory]
    [MemberData(nameof(Semantic))]
    public void A_semantic_torture_request_gets_the_listed_response_code(string file)
    {
        var entry = TortureManifest.Get(file);
        var parsed = SipMessageParser.Parse(entry.Bytes);

        // A fault the parser already finds (mcl01: two Content-Length values) is answered from the parse error.
        var code = parsed.IsSuccess ? _validator.Validate((SipRequest)parsed.Message)?.StatusCode : parsed.Error.StatusCode;

        Assert.Equal(entry.SemanticCode, code);
    }

    [Theory]
    [InlineData("unksm2.dat")]
    [InlineData("cparam01.dat")]
    [InlineData("cparam02.dat")]
    [InlineData("regescrt.dat")]
    [InlineData("zeromf.dat")]
    [InlineData("wsinv.dat")]
    [InlineData("inv2543.dat")]
    [InlineData("mpart01.dat")]
    public void A_valid_request_passes_validation(string file)
    {
        var request = (SipRequest)SipMessageParser.Parse(TortureManifest.Get(file).Bytes).Message!;

        Assert.Null(_validator.Validate(request));
    }

    [Fact]
    public void An_unknown_require_tag_is_listed_in_unsupported()
    {
        var request = (SipRequest)SipMessageParser.Parse(TortureManifest.Get("bext01.dat").Bytes).Message!;

        var rejection = _validator.Validate(request)!;

        Assert.Equal("nothingSupportsThis, nothingSupportsThisEither", rejection.ToResponse(request.Headers).Headers[SipHeaderNames.Unsupported]);
    }

    [Fact]
    public void A_supported_require_tag_is_accepted()
    {
        var validator = new SipRequestValidator(new SipValidatorOptions
        {
            SupportedExtensions = new HashSet<string> { "nothingSupportsThis", "nothingSupportsThisEither" },
        });
        var request = (SipRequest)SipMessageParser.Parse(TortureManifest.Get("bext01.dat").Bytes).Message!;

        Assert.Null(validator.Validate(request));
    }

    [Fact]
    public void Missing_headers_are_named_in_the_reason()
    {
        var request = (SipRequest)SipMessageParser.Parse(TortureManifest.Get("insuf.dat").Bytes).Message!;

        Assert.Equal("Bad Request - Missing To", _validator.Validate(request)!.ReasonPhrase);
    }

    [Fact]
    public void A_branch_that_is_only_the_magic_cookie_is_refused()
    {
        var request = (SipRequest)SipMessageParser.Parse(TortureManifest.Get("badbranch.dat").Bytes).Message!;

        Assert.Equal(400, _validator.Validate(request)!.StatusCode);
    }

    [Fact]
    public void An_invite_with_max_forwards_zero_gets_483()
    {
        var text = Encoding.ASCII.GetString(TortureManifest.Get("zeromf.dat").Bytes).Replace("OPTIONS", "INVITE");
        var request = (SipRequest)SipMessageParser.Parse(Encoding.ASCII.GetBytes(text)).Message!;

        Assert.Equal(483, _validator.Validate(request)!.StatusCode);
    }
}
