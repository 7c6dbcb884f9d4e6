using Dispatch.Media.Sip.Calls;
using Dispatch.Media.Sip.Messages;
using static Dispatch.Media.Tests.Sip.Calls.CallHarness;

namespace Dispatch.Media.Tests.Sip.Calls;

/// <summary>Issue 4: an INVITE to a worker's number forks to every registered phone; the first 2xx wins.</summary>
public sealed class SipB2buaForkingTests
{
    private readonly CallHarness _h = new();

    [Fact]
    public void An_invite_to_a_worker_forks_to_every_phone_at_once_with_one_call_id_and_own_branches()
    {
        _h.Receive(_h.CallerInvite(), Caller);

        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        var toSoft = _h.TakeRequest(Phone2, "INVITE");
        Assert.Equal("sip:desk@203.0.113.21:5061", toDesk.RequestUri.ToString());
        Assert.Equal("sip:soft@203.0.113.22:5062", toSoft.RequestUri.ToString());
        Assert.Equal(toDesk.CallId, toSoft.CallId);
        Assert.NotEqual("caller-call-1", toDesk.CallId);
        Assert.NotEqual(toDesk.TopVia!.Branch, toSoft.TopVia!.Branch);
        Assert.Equal(CallerOffer, _h.Body(toDesk)); // pass-through media hook
        Assert.Equal(69, toDesk.MaxForwards);
        Assert.Equal(100, Assert.IsType<SipResponse>(Assert.Single(_h.Take(Caller))).StatusCode);
        Assert.Equal([SipCallState.Routing, SipCallState.Calling], _h.Events.Select(e => e.State));
        Assert.Equal("W000001", _h.Events[^1].Call.WorkerId);
    }

    [Fact]
    public void Ringing_is_relayed_once_and_the_first_2xx_wins_the_other_fork_is_cancelled()
    {
        _h.Receive(_h.CallerInvite(), Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        var toSoft = _h.TakeRequest(Phone2, "INVITE");
        _h.Take(Caller);

        _h.Receive(Answer(toDesk, 180, "desk-tag"), Phone1);
        _h.Receive(Answer(toSoft, 180, "soft-tag"), Phone2);
        var ringing = Assert.Single(_h.Take(Caller).Cast<SipResponse>());
        Assert.Equal(180, ringing.StatusCode);
        var callerTag = ringing.To!.Tag;
        Assert.NotNull(callerTag);

        _h.Receive(Answer(toSoft, 200, "soft-tag", PhoneAnswer), Phone2);

        var ack = _h.TakeRequest(Phone2, "ACK");
        Assert.Equal("1 ACK", ack.CSeq.ToString());
        Assert.Equal("soft-tag", ack.To!.Tag);
        Assert.Equal("sip:soft@203.0.113.22:5062", ack.RequestUri.ToString()); // the 2xx Contact (remote target)
        var cancel = _h.TakeRequest(Phone1, "CANCEL");
        Assert.Equal(toDesk.TopVia!.Branch, cancel.TopVia!.Branch);
        Assert.Equal("1 CANCEL", cancel.CSeq.ToString());
        var ok = _h.TakeFinal(Caller);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(callerTag, ok.To!.Tag);
        Assert.Equal(PhoneAnswer, _h.Body(ok));
        Assert.Equal("<sip:13800000001@192.0.2.1:5060>", ok.Headers[SipHeaderNames.Contact]);
        Assert.Equal(SipCallState.Answered, _h.Events[^1].State);

        _h.Receive(_h.CallerRequest("ACK", 1, _h.NewBranch(), callerTag), Caller);
        Assert.Equal(SipCallState.Confirmed, _h.Events[^1].State);
    }

    [Fact]
    public void A_second_2xx_from_another_phone_is_acknowledged_and_hung_up_on()
    {
        _h.Receive(_h.CallerInvite(), Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        var toSoft = _h.TakeRequest(Phone2, "INVITE");

        _h.Receive(Answer(toDesk, 200, "desk-tag", PhoneAnswer), Phone1);
        _h.Receive(Answer(toSoft, 200, "soft-tag", PhoneAnswer), Phone2);

        Assert.Equal(200, _h.TakeFinal(Caller).StatusCode);
        var lateMessages = _h.Take(Phone2).OfType<SipRequest>().ToList();
        Assert.Equal(["ACK", "BYE"], lateMessages.Select(r => r.Method));
        Assert.All(lateMessages, r => Assert.Equal("soft-tag", r.To!.Tag));
        Assert.Equal("2 BYE", lateMessages[1].CSeq.ToString());
        Assert.Equal(SipCallState.Answered, _h.Events[^1].State);
    }

    [Fact]
    public void A_retransmitted_2xx_gets_the_same_ack_again()
    {
        _h.Receive(_h.CallerInvite(), Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        var ok = Answer(toDesk, 200, "desk-tag", PhoneAnswer);
        _h.Receive(ok, Phone1);
        var firstAck = _h.TakeRequest(Phone1, "ACK");

        _h.Receive(ok, Phone1);

        var secondAck = _h.TakeRequest(Phone1, "ACK");
        Assert.Equal(firstAck.TopVia!.Branch, secondAck.TopVia!.Branch);
    }

    [Fact]
    public void A_fork_without_a_provisional_response_is_cancelled_only_after_its_180()
    {
        _h.Receive(_h.CallerInvite(), Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        var toSoft = _h.TakeRequest(Phone2, "INVITE");

        _h.Receive(Answer(toDesk, 200, "desk-tag", PhoneAnswer), Phone1);
        Assert.DoesNotContain(_h.Take(Phone2), m => m is SipRequest { Method: "CANCEL" }); // RFC 3261 §9.1

        _h.Receive(Answer(toSoft, 180, "soft-tag"), Phone2);

        _h.TakeRequest(Phone2, "CANCEL");
        Assert.DoesNotContain(_h.Take(Caller), m => m is SipResponse { StatusCode: 180 });
    }

    [Fact]
    public void When_every_phone_is_busy_the_caller_gets_486()
    {
        _h.Receive(_h.CallerInvite(), Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        var toSoft = _h.TakeRequest(Phone2, "INVITE");

        _h.Receive(Answer(toDesk, 486, "desk-tag"), Phone1);
        Assert.DoesNotContain(_h.Take(Caller), m => m is SipResponse { StatusCode: >= 200 });
        _h.Receive(Answer(toSoft, 486, "soft-tag"), Phone2);

        Assert.Equal(486, _h.TakeFinal(Caller).StatusCode);
        Assert.Equal("1 ACK", _h.TakeRequest(Phone1, "ACK").CSeq.ToString()); // the transaction acknowledges failures
        Assert.Equal((SipCallState.Ended, 486), (_h.Events[^1].State, _h.Events[^1].StatusCode));
    }

    [Fact]
    public void One_busy_phone_and_one_silent_phone_give_486_once_timer_b_fires()
    {
        _h.Receive(_h.CallerInvite(), Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        _h.Receive(Answer(toDesk, 486, "desk-tag"), Phone1);

        _h.Run(TimeSpan.FromSeconds(33)); // Timer B = 64*T1 for the silent soft phone

        Assert.Equal(486, _h.TakeFinal(Caller).StatusCode);
    }

    [Fact]
    public void A_worker_without_registered_phones_gets_480_and_an_unknown_number_404()
    {
        _h.Targets["13900000002"] = new("W000002", []);

        _h.Receive(_h.CallerInvite("13900000002"), Caller);
        Assert.Equal(480, _h.TakeFinal(Caller).StatusCode);

        var other = _h.CallerInvite("000");
        other.Headers.Set(SipHeaderNames.CallId, "caller-call-2");
        _h.Receive(other, Caller);
        var notFound = _h.TakeFinal(Caller);
        Assert.Equal(404, notFound.StatusCode);
        Assert.Contains("No worker", notFound.ReasonPhrase);
    }

    [Fact]
    public void Nobody_answering_within_the_ring_timeout_gives_408_and_cancels_the_ringing_phones()
    {
        var h = new CallHarness(new SipB2buaOptions { RingTimeout = TimeSpan.FromSeconds(20) });
        h.Receive(h.CallerInvite(), Caller);
        var toDesk = h.TakeRequest(Phone1, "INVITE");
        var toSoft = h.TakeRequest(Phone2, "INVITE");
        h.Receive(Answer(toDesk, 180, "desk-tag"), Phone1);
        h.Receive(Answer(toSoft, 180, "soft-tag"), Phone2);
        h.Take(Caller);

        h.Run(TimeSpan.FromSeconds(19));
        Assert.Empty(h.Take(Caller));
        h.Run(TimeSpan.FromSeconds(2));

        var timeout = h.TakeFinal(Caller);
        Assert.Equal(408, timeout.StatusCode);
        h.TakeRetransmitted(Phone1, "CANCEL"); // the silent phones make the CANCEL transactions retransmit
        h.TakeRetransmitted(Phone2, "CANCEL");
        Assert.Equal((SipCallState.Ended, 408), (h.Events[^1].State, h.Events[^1].StatusCode));
    }

    [Fact]
    public void A_target_lookup_that_completes_later_forks_on_the_next_tick()
    {
        var lookup = new TaskCompletionSource<SipCallTarget?>();
        var h = new CallHarness(targets: _ => new ValueTask<SipCallTarget?>(lookup.Task));
        h.Receive(h.CallerInvite(), Caller);
        Assert.Empty(h.Take(Phone1));

        lookup.SetResult(h.Targets[WorkerNumber]);
        h.Tick();

        h.TakeRequest(Phone1, "INVITE");
        h.TakeRequest(Phone2, "INVITE");
    }
}
