using Dispatch.Media.Sip.Calls;
using Dispatch.Media.Sip.Messages;
using static Dispatch.Media.Tests.Sip.Calls.CallHarness;

namespace Dispatch.Media.Tests.Sip.Calls;

/// <summary>RFC 3261 §9: CANCEL from the caller while the phones ring, and the races around it.</summary>
public sealed class SipB2buaCancelTests
{
    private readonly CallHarness _h = new();

    [Fact]
    public void A_cancel_while_ringing_gets_200_the_invite_487_and_every_fork_a_cancel()
    {
        var invite = _h.CallerInvite();
        _h.Receive(invite, Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        var toSoft = _h.TakeRequest(Phone2, "INVITE");
        _h.Receive(Answer(toDesk, 180, "desk-tag"), Phone1);
        _h.Receive(Answer(toSoft, 183, "soft-tag", PhoneAnswer), Phone2);
        var provisional = _h.Take(Caller).Cast<SipResponse>().Select(r => r.StatusCode).ToList();
        Assert.Equal([100, 180, 183], provisional);

        _h.Receive(CancelFor(invite), Caller);

        var toCaller = _h.Take(Caller).Cast<SipResponse>().ToList();
        Assert.Contains(toCaller, r => r is { StatusCode: 200, CSeq.Method: "CANCEL" });
        Assert.Contains(toCaller, r => r is { StatusCode: 487, CSeq.Method: "INVITE" });
        var cancelDesk = _h.TakeRequest(Phone1, "CANCEL");
        _h.TakeRequest(Phone2, "CANCEL");
        Assert.Equal((SipCallState.Ended, 487), (_h.Events[^1].State, _h.Events[^1].StatusCode));

        // The phones answer the CANCEL with 200 and the INVITE with 487, which the B2BUA acknowledges.
        _h.Receive(cancelDesk.CreateResponse(200, null, "desk-tag"), Phone1);
        _h.Receive(Answer(toDesk, 487, "desk-tag"), Phone1);
        _h.TakeRequest(Phone1, "ACK");
        Assert.Empty(_h.Take(Caller));
    }

    [Fact]
    public void A_2xx_that_crosses_the_cancel_is_acknowledged_and_hung_up_on()
    {
        var invite = _h.CallerInvite();
        _h.Receive(invite, Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        _h.Receive(Answer(toDesk, 180, "desk-tag"), Phone1);
        _h.Receive(CancelFor(invite), Caller);
        _h.TakeRequest(Phone1, "CANCEL");

        _h.Receive(Answer(toDesk, 200, "desk-tag", PhoneAnswer), Phone1);

        Assert.Equal(["ACK", "BYE"], _h.Take(Phone1).OfType<SipRequest>().Select(r => r.Method));
        Assert.DoesNotContain(_h.Take(Caller), m => m is SipResponse { StatusCode: 200, CSeq.Method: "INVITE" });
    }

    [Fact]
    public void A_cancel_during_the_target_lookup_sends_no_invite_at_all()
    {
        var lookup = new TaskCompletionSource<SipCallTarget?>();
        var h = new CallHarness(targets: _ => new ValueTask<SipCallTarget?>(lookup.Task));
        var invite = h.CallerInvite();
        h.Receive(invite, Caller);

        h.Receive(CancelFor(invite), Caller);
        lookup.SetResult(h.Targets[WorkerNumber]);
        h.Tick();

        Assert.Contains(h.Take(Caller), m => m is SipResponse { StatusCode: 487 });
        Assert.Empty(h.Take(Phone1));
        Assert.Equal(0, h.B2bua.ActiveCalls);
    }

    [Fact]
    public void A_cancel_after_the_answer_gets_200_and_changes_nothing()
    {
        var invite = _h.CallerInvite();
        _h.Receive(invite, Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        _h.Receive(Answer(toDesk, 200, "desk-tag", PhoneAnswer), Phone1);
        _h.Take(Caller);
        _h.Take(Phone1);

        _h.Receive(CancelFor(invite), Caller);

        Assert.Equal(200, Assert.IsType<SipResponse>(Assert.Single(_h.Take(Caller))).StatusCode);
        Assert.Empty(_h.Take(Phone1));
        Assert.Equal(SipCallState.Answered, _h.Events[^1].State);
    }
}
