using System.Net;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Stun;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.WebRtc.Ice;

public class IceLiteResponderTests
{
    private static readonly IceCredentials Local = new("lite", "litepasswordlitepassword");
    private static readonly IPEndPoint Browser = new(IPAddress.Parse("10.77.0.2"), 51000);
    private readonly FakeTimeProvider _time = new();

    private IceLiteResponder NewResponder() => new(Local, "full", _time);

    private static (IceCheckResult Result, StunMessage? Response) Send(IceLiteResponder r, byte[] request, IPEndPoint? from = null)
    {
        var buffer = new byte[IceLiteResponder.MaxResponseLength];
        var result = r.HandleStun(request, from ?? Browser, buffer, out var length);
        if (length == 0)
        {
            return (result, null);
        }
        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, length), out var response, out _));
        Assert.True(response!.VerifyFingerprint());
        return (result, response);
    }

    private static List<IceEvent> Drain(IceLiteResponder r)
    {
        var events = new List<IceEvent>();
        while (r.TryPollEvent(out var e))
        {
            events.Add(e!);
        }
        return events;
    }

    [Fact]
    public void A_valid_check_gets_a_success_response_with_the_source_address_integrity_and_fingerprint()
    {
        var r = NewResponder();
        var request = BindingRequests.Check("lite:full", Local.Password);
        var (result, response) = Send(r, request);

        Assert.Equal(IceCheckResult.Success, result);
        Assert.Equal(StunMessageType.BindingSuccessResponse, response!.Type);
        Assert.True(StunMessage.TryParse(request, out var parsedRequest, out _));
        Assert.Equal(parsedRequest!.TransactionId, response.TransactionId);
        Assert.Equal(Browser, response.XorMappedAddress);
        Assert.True(response.VerifyMessageIntegrity(Local.Password));
        Assert.Equal([new IceRemoteValidated(Browser)], Drain(r));
        Assert.Null(r.NominatedRemote);
    }

    [Fact]
    public void Use_candidate_nominates_the_source_address_once()
    {
        var r = NewResponder();
        Send(r, BindingRequests.Check("lite:full", Local.Password, useCandidate: true));
        Send(r, BindingRequests.Check("lite:full", Local.Password, useCandidate: true));
        Assert.Equal(Browser, r.NominatedRemote);
        Assert.Equal([new IceRemoteValidated(Browser), new IceRemoteNominated(Browser)], Drain(r));

        var other = new IPEndPoint(IPAddress.Parse("10.77.0.2"), 51002);
        Send(r, BindingRequests.Check("lite:full", Local.Password, useCandidate: true), other);
        Assert.Equal(other, r.NominatedRemote);
    }

    [Theory]
    [InlineData("lite:full", "wrong password")]
    [InlineData("other:full", "litepasswordlitepassword")]
    [InlineData("lite:someoneelse", "litepasswordlitepassword")]
    [InlineData("litefull", "litepasswordlitepassword")]
    public void Bad_credentials_get_401_without_integrity(string username, string password)
    {
        var (result, response) = Send(NewResponder(), BindingRequests.Check(username, password));
        Assert.Equal(IceCheckResult.Unauthorized, result);
        Assert.Equal(StunErrorCode.Unauthorized, response!.ErrorCode!.Value.Code);
        Assert.False(response.HasMessageIntegrity);
    }

    [Fact]
    public void A_check_without_message_integrity_gets_400()
    {
        var (result, response) = Send(NewResponder(), BindingRequests.Check("lite:full", Local.Password, integrity: false));
        Assert.Equal(IceCheckResult.BadRequest, result);
        Assert.Equal(StunErrorCode.BadRequest, response!.ErrorCode!.Value.Code);
    }

    [Fact]
    public void A_peer_that_is_also_controlled_gets_487_with_integrity()
    {
        var (result, response) = Send(NewResponder(), BindingRequests.Check("lite:full", Local.Password, controlled: true));
        Assert.Equal(IceCheckResult.RoleConflict, result);
        Assert.Equal(StunErrorCode.RoleConflict, response!.ErrorCode!.Value.Code);
        Assert.True(response.VerifyMessageIntegrity(Local.Password));
    }

    [Fact]
    public void An_unknown_comprehension_required_attribute_gets_420_listing_it()
    {
        var (result, response) = Send(NewResponder(), BindingRequests.Check("lite:full", Local.Password, extraAttribute: 0x0033));
        Assert.Equal(IceCheckResult.UnknownAttribute, result);
        Assert.True(response!.TryFind(StunAttributeType.UnknownAttributes, out var list));
        Assert.Equal(new byte[] { 0x00, 0x33 }, list.Value.ToArray());
    }

    [Fact]
    public void A_bad_fingerprint_or_a_non_request_is_ignored_silently()
    {
        var r = NewResponder();
        var corrupt = BindingRequests.Check("lite:full", Local.Password);
        corrupt[^1] ^= 0xFF;
        Assert.Equal((IceCheckResult.Ignored, null), Send(r, corrupt));
        var indication = BindingRequests.Check("lite:full", Local.Password, type: StunMessageType.BindingIndication);
        Assert.Equal((IceCheckResult.Ignored, null), Send(r, indication));
        Assert.Equal((IceCheckResult.Ignored, null), Send(r, [0x80, 0, 0, 1]));
        Assert.Empty(Drain(r));
    }

    [Fact]
    public void Consent_expires_thirty_seconds_after_the_last_authenticated_check()
    {
        var r = NewResponder();
        Assert.Null(r.NextTimeout);
        Send(r, BindingRequests.Check("lite:full", Local.Password, useCandidate: true));
        Drain(r);
        _time.Advance(TimeSpan.FromSeconds(29));
        r.HandleTimeout();
        Assert.Empty(Drain(r));

        // A failed check does not refresh consent; a good one does.
        Send(r, BindingRequests.Check("lite:full", "wrong"));
        Send(r, BindingRequests.Check("lite:full", Local.Password));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), r.NextTimeout);
        _time.Advance(TimeSpan.FromSeconds(29));
        r.HandleTimeout();
        Assert.Empty(Drain(r));

        _time.Advance(TimeSpan.FromSeconds(1));
        r.HandleTimeout();
        Assert.Equal([new IceConsentExpired(Browser)], Drain(r));
        Assert.True(r.ConsentExpired);
        Assert.Null(r.NominatedRemote);
        r.HandleTimeout();
        Assert.Empty(Drain(r));
        Assert.Equal(IceCheckResult.Ignored, Send(r, BindingRequests.Check("lite:full", Local.Password)).Result);
    }

    [Fact]
    public void Ice_restart_switches_credentials_and_keeps_the_nominated_address()
    {
        var r = NewResponder();
        Send(r, BindingRequests.Check("lite:full", Local.Password, useCandidate: true));
        var fresh = new IceCredentials("lite2", "anotherpasswordanotherpw");
        r.Restart(fresh, "full2");

        Assert.Equal(Browser, r.NominatedRemote);
        Assert.Equal(IceCheckResult.Unauthorized, Send(r, BindingRequests.Check("lite:full", Local.Password)).Result);
        var (result, response) = Send(r, BindingRequests.Check("lite2:full2", fresh.Password));
        Assert.Equal(IceCheckResult.Success, result);
        Assert.True(response!.VerifyMessageIntegrity(fresh.Password));
    }

    [Fact]
    public void Ice_restart_revives_a_session_whose_consent_expired()
    {
        var r = NewResponder();
        Send(r, BindingRequests.Check("lite:full", Local.Password));
        _time.Advance(TimeSpan.FromSeconds(31));
        r.HandleTimeout();
        Assert.True(r.ConsentExpired);
        var fresh = IceCredentials.NewRandom();
        r.Restart(fresh, "full2");
        Assert.False(r.ConsentExpired);
        Assert.Equal(IceCheckResult.Success, Send(r, BindingRequests.Check($"{fresh.Ufrag}:full2", fresh.Password)).Result);
    }

    [Fact]
    public void Random_credentials_have_the_rfc_minimum_entropy()
    {
        var c = IceCredentials.NewRandom();
        Assert.True(c.Ufrag.Length >= 4);
        Assert.True(c.Password.Length >= 22);
        Assert.NotEqual(c, IceCredentials.NewRandom());
    }
}
