using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Tests.Sip.Messages;

/// <summary>RFC 4475 §3.1: the parser accepts the valid and RFC 2543 messages and rejects the invalid ones.</summary>
public sealed class TortureParsingTests
{
    public static TheoryData<string> Accepted => TortureManifest.Where(e => e.Expected.StartsWith("VALID") || e.Expected.StartsWith("COMPAT"));

    public static TheoryData<string> Invalid => TortureManifest.Where(e => e.Expected == "INVALID");

    public static TheoryData<string> All => TortureManifest.Where(_ => true);

    [Fact]
    public void The_manifest_lists_all_49_messages()
    {
        Assert.Equal(49, TortureManifest.Entries.Count);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void A_valid_torture_message_parses(string file)
    {
        var result = SipMessageParser.Parse(TortureManifest.Get(file).Bytes);

        Assert.True(result.IsSuccess, $"{file}: {result.Error}");
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_torture_message_is_rejected_with_a_reason_naming_the_fault(string file)
    {
        var result = SipMessageParser.Parse(TortureManifest.Get(file).Bytes);

        Assert.False(result.IsSuccess, $"{file} parsed but should not");
        Assert.Equal(ExpectedFaults[file], result.Error.ToString());
    }

    [Fact]
    public void Every_invalid_torture_message_has_an_expected_fault()
    {
        Assert.Equal(TortureManifest.Entries.Where(e => e.Expected == "INVALID").Select(e => e.File).Order(), ExpectedFaults.Keys.Order());
    }

    private static readonly Dictionary<string, string> ExpectedFaults = new()
    {
        ["badinv01.dat"] = "400 Bad Request - Invalid Via",
        ["clerr.dat"] = "400 Bad Request - Content-Length Larger Than Message",
        ["ncl.dat"] = "400 Bad Request - Invalid Content-Length",
        ["scalar02.dat"] = "400 Bad Request - Invalid CSeq",
        ["scalarlg.dat"] = "400 Bad Request - Invalid CSeq",
        ["quotbal.dat"] = "400 Bad Request - Invalid To",
        ["ltgtruri.dat"] = "400 Bad Request - Invalid Request-URI",
        ["lwsruri.dat"] = "400 Bad Request - Malformed Request-Line",
        ["lwsstart.dat"] = "400 Bad Request - Malformed Request-Line",
        ["trws.dat"] = "400 Bad Request - Malformed Request-Line",
        ["escruri.dat"] = "400 Bad Request - Headers Not Allowed in Request-URI",
        ["baddate.dat"] = "400 Bad Request - Invalid Date",
        ["regbadct.dat"] = "400 Bad Request - Invalid Contact",
        ["badaspec.dat"] = "400 Bad Request - Invalid To",
        ["baddn.dat"] = "400 Bad Request - Invalid From",
        ["badvers.dat"] = "505 Version Not Supported",
        ["mismatch01.dat"] = "400 Bad Request - CSeq Method Does Not Match Request Method",
        ["mismatch02.dat"] = "400 Bad Request - CSeq Method Does Not Match Request Method",
        ["bigcode.dat"] = "400 Bad Request - Invalid Status-Code",
    };

    [Theory]
    [MemberData(nameof(All))]
    public void No_torture_message_makes_the_parser_throw_even_when_cut_short(string file)
    {
        var bytes = TortureManifest.Get(file).Bytes;
        for (var length = 0; length <= bytes.Length; length += 7)
        {
            _ = SipMessageParser.Parse(bytes.AsMemory(0, length));
        }
        Assert.True(SipMessageParser.Parse(bytes).IsSuccess || SipMessageParser.Parse(bytes).Error is not null);
    }
}
