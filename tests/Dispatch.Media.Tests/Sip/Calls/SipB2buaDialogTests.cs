using System.Text;
using Dispatch.Media.Sip.Calls;
using Dispatch.Media.Sip.Messages;
using static Dispatch.Media.Tests.Sip.Calls.CallHarness;

namespace Dispatch.Media.Tests.Sip.Calls;

/// <summary>Established calls: ACK for 2xx, 2xx retransmission, BYE in either direction, re-INVITE, late offer.</summary>
public sealed class SipB2buaDialogTests
{
    private readonly CallHarness _h = new();

    /// <summary>Calls the desk phone, which answers; returns the INVITE it got and the caller's To tag.</summary>
    private (SipRequest ToDesk, string CallerTag) Answered(string? callerBody = CallerOffer)
    {
        _h.Targets[WorkerNumber] = new("W000001", [Contact("desk", Phone1)]);
        _h.Receive(_h.CallerInvite(body: callerBody), Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        _h.Receive(Answer(toDesk, 200, "desk-tag", PhoneAnswer), Phone1);
        return (toDesk, _h.TakeFinal(Caller).To!.Tag!);
    }

    [Fact]
    public void The_2xx_to_the_caller_is_retransmitted_with_doubling_intervals_until_the_ack()
    {
        var (_, callerTag) = Answered();

        _h.Run(TimeSpan.FromMilliseconds(550));
        Assert.Single(_h.Take(Caller).Cast<SipResponse>(), r => r.StatusCode == 200); // at T1
        _h.Run(TimeSpan.FromMilliseconds(1000));
        Assert.Single(_h.Take(Caller).Cast<SipResponse>(), r => r.StatusCode == 200); // at 3*T1

        _h.Receive(_h.CallerRequest("ACK", 1, _h.NewBranch(), callerTag), Caller);
        _h.Run(TimeSpan.FromSeconds(10));

        Assert.Empty(_h.Take(Caller));
        Assert.Equal(SipCallState.Confirmed, _h.Events[^1].State);
    }

    [Fact]
    public void Without_an_ack_for_64_t1_the_session_is_ended_with_bye_on_both_sides()
    {
        Answered();
        _h.Take(Phone1);

        _h.Run(TimeSpan.FromSeconds(33));

        var toCaller = _h.Take(Caller);
        Assert.InRange(toCaller.OfType<SipResponse>().Count(r => r.StatusCode == 200), 8, 12);
        Assert.Single(toCaller.OfType<SipRequest>().Where(r => r.Method == "BYE").Select(r => r.TopVia!.Branch).Distinct());
        _h.TakeRetransmitted(Phone1, "BYE");
        Assert.Equal((SipCallState.Ended, 408), (_h.Events[^1].State, _h.Events[^1].StatusCode));
    }

    [Fact]
    public void A_bye_from_the_caller_is_answered_and_relayed_to_the_phone()
    {
        var (_, callerTag) = Answered();
        _h.Receive(_h.CallerRequest("ACK", 1, _h.NewBranch(), callerTag), Caller);
        _h.Take(Phone1);

        _h.Receive(_h.CallerRequest("BYE", 2, _h.NewBranch(), callerTag), Caller);

        Assert.Equal(200, _h.TakeFinal(Caller).StatusCode);
        var bye = _h.TakeRequest(Phone1, "BYE");
        Assert.Equal("2 BYE", bye.CSeq.ToString());
        Assert.Equal("desk-tag", bye.To!.Tag);
        Assert.Equal("sip:desk@203.0.113.21:5061", bye.RequestUri.ToString());
        Assert.Equal((SipCallState.Ended, "the caller hung up"), (_h.Events[^1].State, _h.Events[^1].Detail));
        Assert.Equal(0, _h.B2bua.ActiveCalls);
    }

    [Fact]
    public void A_bye_from_the_phone_is_answered_and_relayed_to_the_caller()
    {
        var (toDesk, callerTag) = Answered();
        _h.Receive(_h.CallerRequest("ACK", 1, _h.NewBranch(), callerTag), Caller);

        _h.Receive(_h.PhoneRequest("BYE", toDesk, "desk-tag", 1, Phone1), Phone1);

        Assert.Equal(200, _h.TakeFinal(Phone1).StatusCode);
        var bye = _h.TakeRequest(Caller, "BYE");
        Assert.Equal("sip:caller@198.51.100.10:5070", bye.RequestUri.ToString()); // the caller's Contact
        Assert.Equal(callerTag, bye.From!.Tag);
        Assert.Equal("caller-tag", bye.To!.Tag);
        Assert.Equal("caller-call-1", bye.CallId);
        Assert.Equal((SipCallState.Ended, "the phone hung up"), (_h.Events[^1].State, _h.Events[^1].Detail));
    }

    [Fact]
    public void A_bye_for_no_dialog_gets_481()
    {
        _h.Receive(_h.CallerRequest("BYE", 2, _h.NewBranch(), "unknown-tag"), Caller);

        Assert.Equal(481, _h.TakeFinal(Caller).StatusCode);
    }

    [Fact]
    public void A_reinvite_is_answered_with_the_current_session_and_the_dialog_goes_on()
    {
        var (toDesk, callerTag) = Answered();
        _h.Receive(_h.CallerRequest("ACK", 1, _h.NewBranch(), callerTag), Caller);
        _h.Take(Phone1);

        var reinvite = _h.CallerRequest("INVITE", 2, _h.NewBranch(), callerTag);
        reinvite.Headers.Set(SipHeaderNames.Contact, "<sip:caller@198.51.100.10:5080>");
        reinvite.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        reinvite.Body = Encoding.ASCII.GetBytes(CallerOffer);
        _h.Receive(reinvite, Caller);

        var ok = _h.TakeFinal(Caller);
        Assert.Equal((200, "2 INVITE"), (ok.StatusCode, ok.CSeq.ToString()));
        Assert.Equal(PhoneAnswer, _h.Body(ok));
        Assert.Empty(_h.Take(Phone1)); // not forwarded
        _h.Receive(_h.CallerRequest("ACK", 2, _h.NewBranch(), callerTag), Caller);

        _h.Receive(_h.PhoneRequest("BYE", toDesk, "desk-tag", 1, Phone1), Phone1);
        var bye = _h.TakeRequest(Caller, "BYE");
        Assert.Equal("sip:caller@198.51.100.10:5080", bye.RequestUri.ToString()); // §12.2 target refresh
        Assert.Equal("1 BYE", bye.CSeq.ToString());
    }

    [Fact]
    public void A_request_with_a_lower_cseq_than_the_last_gets_500()
    {
        var (_, callerTag) = Answered();
        _h.Receive(_h.CallerRequest("ACK", 1, _h.NewBranch(), callerTag), Caller);
        _h.Receive(_h.CallerRequest("INVITE", 5, _h.NewBranch(), callerTag), Caller);
        _h.Take(Caller);

        _h.Receive(_h.CallerRequest("INVITE", 4, _h.NewBranch(), callerTag), Caller);

        Assert.Equal(500, _h.TakeFinal(Caller).StatusCode);
    }

    [Fact]
    public void In_a_late_offer_call_the_phones_offer_goes_to_the_caller_and_the_callers_answer_rides_on_the_ack()
    {
        var (toDesk, callerTag) = Answered(callerBody: null);
        Assert.True(toDesk.Body.IsEmpty);
        Assert.Empty(_h.Take(Phone1)); // the ACK waits for the caller's answer

        var ack = _h.CallerRequest("ACK", 1, _h.NewBranch(), callerTag);
        ack.Headers.Add(SipHeaderNames.ContentType, "application/sdp");
        ack.Body = Encoding.ASCII.GetBytes(CallerOffer);
        _h.Receive(ack, Caller);

        var toPhone = _h.TakeRequest(Phone1, "ACK");
        Assert.Equal(CallerOffer, _h.Body(toPhone));
    }

    [Fact]
    public void A_reinvite_from_the_phone_is_answered_with_the_callers_offer_and_retransmitted_until_acknowledged()
    {
        var (toDesk, callerTag) = Answered();
        _h.Receive(_h.CallerRequest("ACK", 1, _h.NewBranch(), callerTag), Caller);
        _h.Take(Phone1);

        var reinvite = _h.PhoneRequest("INVITE", toDesk, "desk-tag", 2, Phone1);
        reinvite.Headers.Add(SipHeaderNames.Contact, "<sip:desk@203.0.113.21:5061>");
        _h.Receive(reinvite, Phone1);
        var ok = _h.TakeFinal(Phone1);
        Assert.Equal((200, CallerOffer), (ok.StatusCode, _h.Body(ok))); // the body last sent to the phone
        Assert.Empty(_h.Take(Caller));

        _h.Run(TimeSpan.FromMilliseconds(600));
        Assert.Contains(_h.Take(Phone1), m => m is SipResponse { StatusCode: 200 });
        var ack = _h.PhoneRequest("ACK", toDesk, "desk-tag", 2, Phone1);
        _h.Receive(ack, Phone1);
        _h.Run(TimeSpan.FromSeconds(5));
        Assert.Empty(_h.Take(Phone1));
        Assert.Equal(SipCallState.Confirmed, _h.Events[^1].State);
    }

    [Fact]
    public void A_bye_from_the_caller_while_the_phones_ring_ends_the_call_like_a_cancel()
    {
        _h.Receive(_h.CallerInvite(), Caller);
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        _h.Receive(Answer(toDesk, 180, "desk-tag"), Phone1);
        var callerTag = _h.Take(Caller).OfType<SipResponse>().Single(r => r.StatusCode == 180).To!.Tag;

        _h.Receive(_h.CallerRequest("BYE", 2, _h.NewBranch(), callerTag), Caller);

        var toCaller = _h.Take(Caller).OfType<SipResponse>().ToList();
        Assert.Contains(toCaller, r => r is { StatusCode: 200, CSeq.Method: "BYE" });
        Assert.Contains(toCaller, r => r is { StatusCode: 487, CSeq.Method: "INVITE" });
        Assert.Contains(_h.Take(Phone1), m => m is SipRequest { Method: "CANCEL" });
        Assert.Equal((SipCallState.Ended, 487), (_h.Events[^1].State, _h.Events[^1].StatusCode));
    }
}
