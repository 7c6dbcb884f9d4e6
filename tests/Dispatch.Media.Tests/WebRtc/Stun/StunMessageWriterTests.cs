using System.Net;
using System.Text;
using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.Tests.WebRtc.Stun;

public class StunMessageWriterTests
{
    [Theory]
    [InlineData("203.0.113.7", 50000)]
    [InlineData("2001:db8::42", 3478)]
    public void A_success_response_round_trips_address_integrity_and_fingerprint(string address, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(address), port);
        var id = StunTransactionId.NewRandom();
        var key = Encoding.UTF8.GetBytes("secret-password");
        Span<byte> buffer = stackalloc byte[128];
        var w = new StunMessageWriter(buffer, StunMessageType.BindingSuccessResponse, id);
        w.WriteXorMappedAddress(endPoint);
        w.WriteMessageIntegrity(key);
        w.WriteFingerprint();

        Assert.True(StunMessage.TryParse(w.Written, out var m, out _));
        Assert.Equal(id, m!.TransactionId);
        Assert.Equal(endPoint, m.XorMappedAddress);
        Assert.True(m.VerifyMessageIntegrity(key));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void An_error_response_round_trips_code_and_reason()
    {
        Span<byte> buffer = stackalloc byte[128];
        var w = new StunMessageWriter(buffer, StunMessageType.BindingErrorResponse, StunTransactionId.NewRandom());
        w.WriteErrorCode(StunErrorCode.RoleConflict);
        w.WriteFingerprint();
        Assert.True(StunMessage.TryParse(w.Written, out var m, out _));
        Assert.Equal(StunClass.ErrorResponse, m!.Class);
        Assert.Equal(new StunErrorCode(487, "Role Conflict"), m.ErrorCode);
    }

    [Fact]
    public void Message_type_composition_matches_the_rfc_layout()
    {
        Assert.Equal(StunMessageType.BindingSuccessResponse, StunMessageType.Compose(StunMessageType.BindingMethod, StunClass.SuccessResponse));
        Assert.Equal(StunMessageType.BindingErrorResponse, StunMessageType.Compose(StunMessageType.BindingMethod, StunClass.ErrorResponse));
        Assert.Equal(StunMessageType.BindingIndication, StunMessageType.Compose(StunMessageType.BindingMethod, StunClass.Indication));
        Assert.Equal(0x0003, StunMessageType.MethodOf(0x0113)); // Allocate error response (RFC 8656)
    }

    [Theory]
    [InlineData(StunParseError.TooShort, "000100002112a442")]
    [InlineData(StunParseError.LeadingBitsNotZero, "c00100002112a442000000000000000000000000")]
    [InlineData(StunParseError.BadMagicCookie, "000100002112a443000000000000000000000000")]
    [InlineData(StunParseError.LengthMismatch, "000100042112a442000000000000000000000000")]
    [InlineData(StunParseError.AttributeTruncated, "000100042112a44200000000000000000000000000060008")]
    public void Malformed_headers_are_reported_not_thrown(StunParseError expected, string hex)
    {
        Assert.False(StunMessage.TryParse(Convert.FromHexString(hex), out _, out var error));
        Assert.Equal(expected, error);
    }
}
