using Dispatch.Media.Sip.Calls;
using Dispatch.Media.Sip.Messages;
using static Dispatch.Media.Tests.Sip.Calls.CallHarness;

namespace Dispatch.Media.Tests.Sip.Calls;

/// <summary>Issue 4: the server originates an INVITE to a worker (calls and conferences use this).</summary>
public sealed class SipB2buaOriginateTests
{
    private readonly CallHarness _h = new();

    [Fact]
    public void An_originated_call_rings_every_phone_with_the_hooks_offer_and_the_first_answer_is_acknowledged()
    {
        var callId = _h.B2bua.Originate(new SipOriginateRequest(WorkerNumber, "Dispatch desk"));
        _h.Tick();

        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        var toSoft = _h.TakeRequest(Phone2, "INVITE");
        Assert.Equal(callId, toDesk.CallId);
        Assert.Equal("Dispatch desk", toDesk.From!.DisplayName);
        Assert.Equal("sip:dispatch@192.0.2.1", toDesk.From.Uri.ToString());
        Assert.Contains("m=audio 9 RTP/AVP 0 8", _h.Body(toDesk));
        Assert.Equal("application/sdp", toDesk.ContentType!.MediaType);

        _h.Receive(Answer(toDesk, 180, "desk-tag"), Phone1);
        _h.Receive(Answer(toSoft, 180, "soft-tag"), Phone2);
        _h.Receive(Answer(toDesk, 200, "desk-tag", PhoneAnswer), Phone1);

        _h.TakeRequest(Phone1, "ACK");
        _h.TakeRequest(Phone2, "CANCEL");
        Assert.Equal(
            [SipCallState.Routing, SipCallState.Calling, SipCallState.Ringing, SipCallState.Answered, SipCallState.Confirmed],
            _h.Events.Where(e => e.Call.CallId == callId).Select(e => e.State));
    }

    [Fact]
    public void Hanging_up_an_originated_call_sends_bye_and_ends_it()
    {
        var callId = _h.B2bua.Originate(new SipOriginateRequest(WorkerNumber));
        _h.Tick();
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        _h.Receive(Answer(toDesk, 200, "desk-tag", PhoneAnswer), Phone1);
        _h.Take(Phone1);

        _h.B2bua.HangUp(callId);
        _h.Tick();

        var bye = _h.TakeRequest(Phone1, "BYE");
        Assert.Equal("2 BYE", bye.CSeq.ToString());
        _h.Receive(bye.CreateResponse(200), Phone1);
        Assert.Equal((SipCallState.Ended, 200), (_h.Events[^1].State, _h.Events[^1].StatusCode));
        Assert.Equal(0, _h.B2bua.ActiveCalls);
    }

    [Fact]
    public void Hanging_up_an_originated_call_that_still_rings_cancels_it()
    {
        var callId = _h.B2bua.Originate(new SipOriginateRequest(WorkerNumber));
        _h.Tick();
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        _h.Receive(Answer(toDesk, 180, "desk-tag"), Phone1);

        _h.B2bua.HangUp(callId);
        _h.Tick();

        _h.TakeRequest(Phone1, "CANCEL");
        Assert.Equal((SipCallState.Ended, 487), (_h.Events[^1].State, _h.Events[^1].StatusCode));
    }

    [Fact]
    public void An_originated_call_to_a_worker_with_no_phone_ends_with_480()
    {
        _h.Targets["13900000002"] = new("W000002", []);

        _h.B2bua.Originate(new SipOriginateRequest("13900000002"));
        _h.Tick();

        Assert.Equal((SipCallState.Ended, 480), (_h.Events[^1].State, _h.Events[^1].StatusCode));
    }

    [Fact]
    public void A_phone_that_hangs_up_an_originated_call_gets_200()
    {
        _h.B2bua.Originate(new SipOriginateRequest(WorkerNumber));
        _h.Tick();
        var toDesk = _h.TakeRequest(Phone1, "INVITE");
        _h.Receive(Answer(toDesk, 200, "desk-tag", PhoneAnswer), Phone1);
        _h.Take(Phone1);

        _h.Receive(_h.PhoneRequest("BYE", toDesk, "desk-tag", 1, Phone1), Phone1);

        Assert.Equal(200, _h.TakeFinal(Phone1).StatusCode);
        Assert.Equal((SipCallState.Ended, "the phone hung up"), (_h.Events[^1].State, _h.Events[^1].Detail));
    }
}
