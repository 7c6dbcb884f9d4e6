using Dispatch.Media.Sip.Calls.Internal;
using Dispatch.Media.Sip.Dialogs;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls;

/// <summary>Requests inside calls: ACK, BYE, re-INVITE and CANCEL from the caller; hang-ups and timeouts.</summary>
public sealed partial class SipB2bua
{
    /// <summary>The call and leg an in-dialog request belongs to (RFC 3261 §12.2.2), early dialogs of the caller included.</summary>
    private CallLeg? FindLeg(SipRequest request)
    {
        if (_byCaller.TryGetValue(CallerKey(request), out var byCaller) && byCaller.Caller is { } caller
            && (caller.Dialog?.Matches(request) ?? request.To?.Tag == caller.LocalTag))
        {
            return caller;
        }
        if (request.CallId is { } callId && _calls.TryGetValue(callId, out var call))
        {
            return call.Forks.FirstOrDefault(f => f.Dialog?.Matches(request) == true);
        }
        return null;
    }

    private void OnAck(SipRequest ack)
    {
        if (FindLeg(ack) is not { } leg)
        {
            return; // an ACK for nothing we know: dropped (RFC 3261 §17.2.3 leaves it to the TU)
        }
        var call = leg.Call;
        if (leg.PendingTwoHundred is { } pending && ack.CSeq?.Number == pending.Sequence)
        {
            leg.PendingTwoHundred = null;
        }
        if (leg is not CallerLeg)
        {
            return;
        }
        if (call.Winner is { AckAwaitsCaller: true } winner)
        {
            winner.AckAwaitsCaller = false;
            SendAck(winner, _media.Relay(call.Info, SipRelayDirection.ToCallee, SipSessionBody.Of(ack)));
        }
        if (call.State == SipCallState.Answered)
        {
            Emit(call, SipCallState.Confirmed, "ACK from the caller");
        }
    }

    /// <summary>RFC 3261 §15.1.2: answer the BYE with 200 and end the session; the B2BUA hangs up the other side.</summary>
    private bool OnBye(ServerTransaction transaction, SipRequest bye)
    {
        if (FindLeg(bye) is not { } leg)
        {
            return false; // the minimal UAS answers 481
        }
        var call = leg.Call;
        if (leg.Dialog is { } dialog && !dialog.TryAcceptRemoteSequence(bye))
        {
            transaction.Respond(bye.CreateResponse(500, "Server Internal Error - CSeq lower than the last request"));
            return true;
        }
        transaction.Respond(bye.CreateResponse(200));
        leg.Dialog?.Terminate();
        leg.PendingTwoHundred = null;
        if (leg is CallerLeg caller && call.IsRinging)
        {
            // A BYE in the caller's early dialog ends the call like a CANCEL would.
            CancelRinging(call, caller);
            return true;
        }
        if (leg is CalleeLeg fork && fork != call.Winner)
        {
            return true; // a fork we already hung up on
        }
        if (call.IsUp)
        {
            foreach (var other in call.Legs.Where(l => l != leg && (l is CallerLeg || l == call.Winner)))
            {
                SendBye(other);
            }
            End(call, 200, leg is CallerLeg ? "the caller hung up" : "the phone hung up");
        }
        return true;
    }

    /// <summary>RFC 3261 §9.2: 200 to the CANCEL; while the call rings, 487 to the INVITE and CANCEL to the forks.</summary>
    private bool OnCancel(ServerTransaction cancel)
    {
        if (!Core.Transactions.TryFindCancelledInvite(cancel, out var invite) || !_byInvite.TryGetValue(invite, out var call))
        {
            return false;
        }
        cancel.Respond(cancel.Request.CreateResponse(200));
        if (call.IsRinging && call.Caller is { } caller)
        {
            CancelRinging(call, caller);
        }
        return true;
    }

    private void CancelRinging(SipCall call, CallerLeg caller)
    {
        if (caller.IsPending)
        {
            caller.Invite.Respond(caller.Invite.Request.CreateResponse(487, null, caller.LocalTag));
        }
        CancelForks(call, except: null);
        End(call, 487, "the caller cancelled");
    }

    /// <summary>
    /// A re-INVITE on either leg (RFC 3261 §14.2) is answered by the B2BUA itself, through the media hook: the
    /// dialog's target is refreshed and the session goes on. It is not forwarded to the other side.
    /// </summary>
    private void OnReinvite(ServerTransaction transaction, SipRequest reinvite)
    {
        if (FindLeg(reinvite) is not { Dialog: { State: SipDialogState.Confirmed } dialog } leg)
        {
            transaction.Respond(reinvite.CreateResponse(481, "Call/Transaction Does Not Exist - No such dialog"));
            return;
        }
        if (!dialog.TryAcceptRemoteSequence(reinvite))
        {
            transaction.Respond(reinvite.CreateResponse(500, "Server Internal Error - CSeq lower than the last request"));
            return;
        }
        if (leg.PendingTwoHundred is not null && leg is CalleeLeg)
        {
            transaction.Respond(reinvite.CreateResponse(491)); // §14.2: our own re-INVITE answer is still unacknowledged
            return;
        }
        dialog.RefreshTarget(reinvite);
        var ok = reinvite.CreateResponse(200);
        ok.Headers.Add(SipHeaderNames.Contact, ContactValue(leg is CallerLeg ? leg.Call.Info.User : null));
        var body = _media.AnswerReoffer(leg.Call.Info, SipSessionBody.Of(reinvite), leg.LastSent);
        body?.WriteTo(ok);
        leg.LastSent = body;
        leg.PendingTwoHundred = new TwoHundredRetransmission(transaction, ok, _options.Timers, _time.GetUtcNow());
        transaction.Respond(ok);
        _events?.Invoke(new SipCallEvent(leg.Call.Info, leg.Call.State, $"re-INVITE from the {(leg is CallerLeg ? "caller" : "phone")} answered", _time.GetUtcNow(), 200));
    }

    private void OnRingTimeout(SipCall call)
    {
        CancelForks(call, except: null);
        FailCall(call, 408, "Request Timeout - No phone answered in time");
    }

    /// <summary>§13.3.1.4: no ACK for a 2xx after 64*T1: the dialog is confirmed but the session is ended with BYE.</summary>
    private void OnAckNeverCame(SipCall call, CallLeg leg)
    {
        leg.PendingTwoHundred = null;
        foreach (var side in call.Legs.Where(l => l is CallerLeg || l == call.Winner))
        {
            SendBye(side);
        }
        End(call, 408, $"no ACK from the {(leg is CallerLeg ? "caller" : "phone")} for the 2xx");
    }

    private void EndByServer(SipCall call)
    {
        if (call.IsRinging)
        {
            if (call.Caller is { } caller)
            {
                CancelRinging(call, caller);
                return;
            }
            CancelForks(call, except: null);
            End(call, 487, "hung up by the server while ringing");
            return;
        }
        if (call.IsUp)
        {
            foreach (var side in call.Legs.Where(l => l is CallerLeg || l == call.Winner))
            {
                SendBye(side);
            }
            End(call, 200, "hung up by the server");
        }
    }

    private void SendBye(CallLeg leg)
    {
        if (leg.Dialog is { State: not SipDialogState.Terminated } dialog)
        {
            leg.PendingTwoHundred = null;
            SendBye(dialog, leg.Destination);
        }
    }

    private void SendBye(SipDialog dialog, SipDestination destination)
    {
        var bye = dialog.CreateRequest("BYE", NewVia());
        dialog.Terminate();
        Send(bye, destination);
    }
}
