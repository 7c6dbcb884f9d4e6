using Dispatch.Media.Sip.Calls.Internal;
using Dispatch.Media.Sip.Dialogs;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls;

/// <summary>Responses from the forks: relay 18x, first 2xx wins, failures collected into one final answer.</summary>
public sealed partial class SipB2bua
{
    public void OnResponse(SipResponseReceived received)
    {
        if (received.Transaction.Request.Method != "INVITE" || !_byFork.TryGetValue(received.Transaction, out var leg))
        {
            return; // responses to our BYEs and CANCELs need no action
        }
        var response = received.Response;
        switch (response.StatusCode)
        {
            case 100:
                break;
            case < 200:
                OnForkProvisional(leg, response);
                break;
            case < 300:
                OnForkAccepted(leg, response);
                break;
            default:
                OnForkFailed(leg, response.StatusCode);
                break;
        }
    }

    public void OnTimedOut(SipTransaction transaction)
    {
        // Timer B (RFC 3261 §17.1.1.2): the phone never answered the INVITE; counts as 408 for that fork.
        if (transaction is ClientTransaction { IsInvite: true } client && _byFork.TryGetValue(client, out var leg))
        {
            OnForkFailed(leg, 408);
        }
    }

    private void OnForkProvisional(CalleeLeg leg, SipResponse response)
    {
        leg.HadProvisional = true;
        var call = leg.Call;
        if (leg.CancelWanted)
        {
            SendCancel(leg);
            return;
        }
        if (!call.IsRinging || leg.FinalStatus is not null)
        {
            return;
        }
        if (call.State != SipCallState.Ringing)
        {
            Emit(call, SipCallState.Ringing, $"{response.StatusCode} from {leg.Target.Contact}", response.StatusCode);
        }
        if (call.Caller is not { IsPending: true } caller)
        {
            return;
        }
        var body = SipSessionBody.Of(response);
        if (caller.LastRelayedStatus == response.StatusCode && body is null)
        {
            return; // ten ringing phones make one 180 for the caller
        }
        caller.LastRelayedStatus = response.StatusCode;
        var relay = caller.Invite.Request.CreateResponse(response.StatusCode, response.ReasonPhrase, caller.LocalTag);
        relay.Headers.Add(SipHeaderNames.Contact, ContactValue(call.Info.User)); // §12.1.1: a 1xx with a To tag forms an early dialog
        _media.Relay(call.Info, SipRelayDirection.ToCaller, body)?.WriteTo(relay);
        caller.Invite.Respond(relay);
    }

    /// <summary>RFC 3261 §13.2.2.4 and §16.7 step 5: the first 2xx wins; every other 2xx is acknowledged and hung up.</summary>
    private void OnForkAccepted(CalleeLeg leg, SipResponse response)
    {
        var call = leg.Call;
        if (leg.Dialog is { } known && known.Id.RemoteTag == response.To?.Tag)
        {
            if (leg.Ack is { } ack)
            {
                Core.SendDirect(ack, leg.Destination); // a retransmitted 2xx: our ACK was lost
            }
            return;
        }
        var dialog = SipDialog.ForUac(leg.Invite, response, leg.Destination);
        leg.FinalStatus ??= response.StatusCode;
        if (call.Winner is not null || !call.IsRinging || leg.Dialog is not null)
        {
            // Too late (another fork won, or the call ended), or a second dialog from one contact.
            var ack = dialog.CreateAck(leg.Invite.CSeq!.Value.Number, NewVia());
            Core.SendDirect(ack, leg.Destination);
            if (leg.Dialog is null)
            {
                leg.Dialog = dialog;
                leg.Ack = ack;
            }
            SendBye(dialog, leg.Destination);
            return;
        }
        leg.Dialog = dialog;
        call.Winner = leg;
        var answer = SipSessionBody.Of(response);
        CancelForks(call, except: leg);
        _media.OnAnswered(call.Info, answer);
        if (call.Caller is not { } caller)
        {
            SendAck(leg, null);
            Emit(call, SipCallState.Answered, $"answered by {leg.Target.Contact} ({SipSessionBody.Describe(answer)})", response.StatusCode);
            Emit(call, SipCallState.Confirmed, "ACK sent to the phone");
            return;
        }
        if (call.CallerOffer is not null)
        {
            SendAck(leg, null);
        }
        else
        {
            leg.AckAwaitsCaller = true; // the 2xx carries the offer; the caller's ACK will carry the answer
        }
        var ok = caller.Invite.Request.CreateResponse(200, null, caller.LocalTag);
        ok.Headers.Add(SipHeaderNames.Contact, ContactValue(call.Info.User));
        var body = _media.Relay(call.Info, SipRelayDirection.ToCaller, answer);
        body?.WriteTo(ok);
        caller.LastSent = body;
        caller.Dialog = SipDialog.ForUas(caller.Invite.Request, ok, caller.Destination);
        caller.PendingTwoHundred = new TwoHundredRetransmission(caller.Invite, ok, _options.Timers, _time.GetUtcNow());
        caller.Invite.Respond(ok);
        Emit(call, SipCallState.Answered, $"answered by {leg.Target.Contact} ({SipSessionBody.Describe(answer)})", response.StatusCode);
    }

    private void OnForkFailed(CalleeLeg leg, int status)
    {
        leg.FinalStatus ??= status;
        var call = leg.Call;
        if (!call.IsRinging || call.Winner is not null || call.Forks.Any(f => f.FinalStatus is null))
        {
            return;
        }
        var (final, reason) = ForkOutcome.Choose(call.Forks.Select(f => f.FinalStatus!.Value).ToList());
        FailCall(call, final, reason);
    }

    /// <summary>RFC 3261 §16.7 step 10 / §9.1: CANCEL every pending fork but the winner, once it has sent a 1xx.</summary>
    private void CancelForks(SipCall call, CalleeLeg? except)
    {
        foreach (var leg in call.Forks)
        {
            if (leg == except || leg.FinalStatus is not null || leg.CancelSent)
            {
                continue;
            }
            if (leg.HadProvisional)
            {
                SendCancel(leg);
            }
            else
            {
                leg.CancelWanted = true;
            }
        }
    }

    private void SendCancel(CalleeLeg leg)
    {
        if (leg.CancelSent || leg.FinalStatus is not null)
        {
            return;
        }
        leg.CancelSent = true;
        Send(CancelRequest.For(leg.Invite), leg.Destination);
    }

    private void SendAck(CalleeLeg leg, SipSessionBody? body)
    {
        var ack = leg.Dialog!.CreateAck(leg.Invite.CSeq!.Value.Number, NewVia());
        ack.Headers.Add(SipHeaderNames.Contact, ContactValue());
        body?.WriteTo(ack);
        leg.Ack = ack;
        Core.SendDirect(ack, leg.Destination);
    }
}
