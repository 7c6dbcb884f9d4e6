using System.Globalization;
using Dispatch.Media.Sip.Calls.Internal;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls;

/// <summary>Starting calls: an INVITE from a caller or an originate request, the target lookup and the forks.</summary>
public sealed partial class SipB2bua
{
    private void OnInitialInvite(ServerTransaction transaction, SipRequest request)
    {
        if (_byCaller.ContainsKey(CallerKey(request)))
        {
            // RFC 3261 §8.2.2.2: the same request arriving again by another path (a merged request).
            transaction.Respond(request.CreateResponse(482, "Loop Detected - Merged request"));
            return;
        }
        var user = SipUri.Unescape(request.RequestUri.User ?? "");
        var now = _time.GetUtcNow();
        var call = new SipCall(new SipCallInfo(NewCallId(), user, null, Originated: false), now + _options.RingTimeout)
        {
            CallerOffer = SipSessionBody.Of(request),
        };
        call.Caller = new CallerLeg(call, transaction, SipResponseFactory.NewTag());
        _calls[call.Id] = call;
        _byCaller[CallerKey(request)] = call;
        _byInvite[transaction] = call;
        Emit(call, SipCallState.Routing, $"INVITE from {request.From?.Uri} for '{user}'");
        if (user.Length == 0)
        {
            FailCall(call, 404, "Not Found - The Request-URI names no user");
            return;
        }
        Resolve(call);
    }

    private void StartOriginated(SipCallInfo info, SipOriginateRequest request)
    {
        var call = new SipCall(info, _time.GetUtcNow() + (request.RingTimeout ?? _options.RingTimeout))
        {
            OriginatorName = request.CallerName,
        };
        _calls[info.CallId] = call;
        Resolve(call);
    }

    private void Resolve(SipCall call)
    {
        ValueTask<SipCallTarget?> lookup;
        try
        {
            lookup = _targets.Resolve(call.Info.User);
        }
#pragma warning disable CA1031 // A failing lookup answers this call with 500; the core must go on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            FailCall(call, 500, "Server Internal Error - Looking up the worker failed: " + e.GetType().Name);
            return;
        }
        if (lookup.IsCompletedSuccessfully)
        {
            Route(call, lookup.Result);
            return;
        }
        _ = lookup.AsTask().ContinueWith(
            done => _inbox.Enqueue(() =>
            {
                if (done.IsCompletedSuccessfully)
                {
                    Route(call, done.Result);
                }
                else
                {
                    FailCall(call, 500, "Server Internal Error - Looking up the worker failed");
                }
            }),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>RFC 3261 §16.6 in spirit: one INVITE per contact, all sent at once (parallel forking).</summary>
    private void Route(SipCall call, SipCallTarget? target)
    {
        if (call.State != SipCallState.Routing)
        {
            return; // cancelled or timed out while the lookup ran
        }
        if (target is null)
        {
            FailCall(call, 404, "Not Found - No worker has this number");
            return;
        }
        call.Info = call.Info with { WorkerId = target.WorkerId };
        // The core sends over UDP: contacts registered over TCP, TLS or WebSocket are unreachable from here.
        var contacts = target.Contacts.Where(c => c.Contact.Parameters["transport"] is null or "udp" or "UDP").ToList();
        if (contacts.Count == 0)
        {
            FailCall(call, 480, "Temporarily Unavailable - No phone of the worker is registered");
            return;
        }
        var offer = call.Caller is null ? _media.OriginateOffer(call.Info) : _media.Relay(call.Info, SipRelayDirection.ToCallee, call.CallerOffer);
        foreach (var contact in contacts)
        {
            var leg = new CalleeLeg(call, contact, BuildInvite(call, contact, offer)) { LastSent = offer };
            call.Forks.Add(leg);
            leg.Transaction = Core.Transactions.SendRequest(leg.Invite, leg.Destination);
            _byFork[leg.Transaction] = leg;
        }
        Emit(call, SipCallState.Calling, $"calling {contacts.Count} phone(s) of worker {target.WorkerId}");
    }

    private SipRequest BuildInvite(SipCall call, SipContactTarget contact, SipSessionBody? offer)
    {
        var invite = new SipRequest("INVITE", contact.Contact);
        invite.Headers.Add(SipHeaderNames.Via, NewVia().ToString());
        var maxForwards = call.Caller?.Invite.Request.MaxForwards is { } mf ? Math.Max(mf - 1, 1) : 70;
        invite.Headers.Add(SipHeaderNames.MaxForwards, maxForwards.ToString(CultureInfo.InvariantCulture));
        var from = call.Caller?.Invite.Request.From is { } callerFrom
            ? new SipNameAddress(callerFrom.Uri, callerFrom.DisplayName)
            : new SipNameAddress(SipUri.Create("sip", _options.ContactUser, HostText), call.OriginatorName);
        invite.Headers.Add(SipHeaderNames.From, from.WithParameter("tag", call.CalleeSideTag).ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddress(SipUri.Create("sip", call.Info.User, HostText)).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, call.Id);
        invite.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(1, "INVITE").ToString());
        invite.Headers.Add(SipHeaderNames.Contact, ContactValue());
        invite.Headers.Add(SipHeaderNames.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS");
        offer?.WriteTo(invite);
        return invite;
    }

    /// <summary>Ends a call that never got to ring: the final response to the caller, if there is one.</summary>
    private void FailCall(SipCall call, int status, string reason)
    {
        if (call.Caller is { IsPending: true } caller)
        {
            caller.Invite.Respond(caller.Invite.Request.CreateResponse(status, reason, caller.LocalTag));
        }
        End(call, status, reason);
    }
}
