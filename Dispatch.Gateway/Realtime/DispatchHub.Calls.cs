using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Calls;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// Calls (docs/calls.md, docs/protocol.md "Calls"). The server is the WebRTC answerer: the caller's offer comes with
/// StartCall, the answering device's with AnswerCall. Every refusal is a HubException that names the fault, and
/// changes nothing.
/// </summary>
internal sealed partial class DispatchHub
{
    /// <summary>Offers larger than this are refused: a browser's offer with audio and video is a few KiB.</summary>
    private const int MaxSdpLength = 64 * 1024;

    /// <summary>Calls a worker: rings every live device of theirs (or a fallback) and answers the caller's SDP offer.</summary>
    public async Task<CallStartResult> StartCall(string calleeWorkerId, string sdpOffer)
    {
        var device = CallerDevice();
        var calleeId = HubInput.Required(calleeWorkerId, "calleeWorkerId");
        var offer = Sdp(sdpOffer);
        if (calleeId == device.WorkerId)
        {
            throw new HubException("You cannot call yourself; name another worker in 'calleeWorkerId'.");
        }
        var callee = await grains.GetGrain<IWorkerGrain>(calleeId).Get()
            ?? throw new HubException($"Worker '{calleeId}' does not exist.");
        if (Context.User!.MayManage() && !await scope.Covers(Context.User!, callee))
        {
            throw new HubException($"Worker '{calleeId}' is outside the units your login may call.");
        }
        var calls = CallServices();
        var media = calls.Media ?? throw NoMedia();
        var callId = "call-" + Guid.NewGuid().ToString("N");
        // A callee with a SIP account may answer on a phone, which can take the caller's video only as H.264.
        var mayReachPhone = calls.Phones.B2bua is not null && callee.SipUsernames.Count > 0;
        var answer = OpenLeg(media, callId, "caller", offer, mayReachPhone);
        CallStarted started;
        try
        {
            started = await grains.GetGrain<ICallGrain>(callId).Start(new CallStart(device.WorkerId, calleeId,
                new Contracts.Realtime.DeviceSession(device.DeviceId, device.Kind, device.ConnectionId, node.Id, node.Observer),
                node.Id, node.Observer, RingsPhones: calls.Phones.B2bua is not null));
        }
        catch
        {
            media.Close(callId);
            throw;
        }
        if (started.Call.State == CallState.Ended)
        {
            media.Close(callId);
        }
        else if (started.SipUsername is { } phones)
        {
            calls.Phones.RingPhones(callId, phones, started.Call.Caller.Name);
        }
        return new CallStartResult(callId, answer, CallView.From(started.Call));
    }

    /// <summary>Answers a call ringing on this device with the device's own SDP offer; returns the server's SDP answer.</summary>
    public async Task<string> AnswerCall(string callId, string sdpOffer)
    {
        var device = CallerDevice();
        var id = HubInput.Required(callId, "callId");
        var offer = Sdp(sdpOffer);
        var grain = grains.GetGrain<ICallGrain>(id);
        var record = await grain.Get();
        Refuse(id, record is null ? CallRefusal.UnknownCall : Check(record, device.WorkerId), record);
        var media = CallServices().Media ?? throw NoMedia();
        var leg = "callee-" + device.DeviceId;
        var answer = OpenLeg(media, id, leg, offer);
        var refused = await grain.Answer(device.WorkerId, device.DeviceId);
        if (refused != CallRefusal.None)
        {
            media.CloseLeg(id, leg);
            Refuse(id, refused, await grain.Get());
        }
        try
        {
            media.Join(id, "caller", leg);
        }
        catch (CallMediaException e)
        {
            await grain.Fail(CallOutcome.Failed, CallEndCause.MediaFailed, "joining the two browsers failed: " + e.Message);
            throw new HubException($"Call '{id}' could not connect its media: {e.Message}");
        }
        return answer;
    }

    /// <summary>
    /// A new offer on the caller's own leg of a connected call, e.g. an ICE restart after the network changed
    /// (RFC 8445 §9; the page sends one when its ICE state turns 'failed'); returns the server's new SDP answer.
    /// </summary>
    public async Task<string> RenegotiateCall(string callId, string sdpOffer)
    {
        var device = CallerDevice();
        var id = HubInput.Required(callId, "callId");
        var offer = Sdp(sdpOffer);
        var record = await grains.GetGrain<ICallGrain>(id).Get();
        if (record is null || !record.Involves(device.WorkerId))
        {
            throw new HubException($"Call '{id}' does not exist or is not yours.");
        }
        var leg = record.CallerDevice == device.DeviceId && record.Caller.WorkerId == device.WorkerId ? "caller"
            : record.AnsweredDevice == device.DeviceId ? "callee-" + device.DeviceId
            : throw new HubException($"Call '{id}' has no media leg of this device ('{device.DeviceId}'): only the caller's and the answering device's legs can renegotiate.");
        if (record.State == CallState.Ended)
        {
            throw new HubException($"Call '{id}' has already ended ({record.EndReason}).");
        }
        var media = CallServices().Media ?? throw NoMedia();
        try
        {
            return media.RenegotiateWebRtcLeg(id, leg, offer);
        }
        catch (CallMediaException e)
        {
            throw new HubException($"The SDP re-offer was refused: {e.Message}");
        }
    }

    /// <summary>Declines a call ringing for the caller: the call ends, declined, on every device.</summary>
    public async Task DeclineCall(string callId)
    {
        var device = CallerDevice();
        var id = HubInput.Required(callId, "callId");
        var grain = grains.GetGrain<ICallGrain>(id);
        var refused = await grain.Decline(device.WorkerId, device.DeviceId);
        Refuse(id, refused, refused == CallRefusal.None ? null : await grain.Get());
    }

    /// <summary>Hangs up: the caller cancels a ringing call or ends a connected one; the callee declines or ends it.</summary>
    public async Task HangUp(string callId)
    {
        var device = CallerDevice();
        var id = HubInput.Required(callId, "callId");
        var grain = grains.GetGrain<ICallGrain>(id);
        var refused = await grain.HangUp(device.WorkerId, device.DeviceId);
        Refuse(id, refused, refused == CallRefusal.None ? null : await grain.Get());
    }

    /// <summary>A call the caller took part in, as it stands (after a reconnect, to learn what was missed).</summary>
    public async Task<CallView> GetCall(string callId)
    {
        var device = CallerDevice();
        var id = HubInput.Required(callId, "callId");
        var record = await grains.GetGrain<ICallGrain>(id).Get();
        if (record is null || !record.Involves(device.WorkerId))
        {
            throw new HubException($"Call '{id}' does not exist or is not yours.");
        }
        return CallView.From(record);
    }

    private static CallRefusal Check(CallRecord record, string workerId) => record switch
    {
        { State: CallState.Ended } => CallRefusal.Ended,
        _ when record.Ringing.WorkerId != workerId => CallRefusal.NotYours,
        { State: not CallState.Ringing } => CallRefusal.NotRinging,
        _ => CallRefusal.None,
    };

    private static void Refuse(string id, CallRefusal refusal, CallRecord? record)
    {
        switch (refusal)
        {
            case CallRefusal.None:
                return;
            case CallRefusal.UnknownCall:
                throw new HubException($"Call '{id}' does not exist.");
            case CallRefusal.NotYours:
                throw new HubException($"Call '{id}' is not yours: only its caller and the worker it rings may act on it.");
            case CallRefusal.NotRinging:
                throw new HubException($"Call '{id}' is no longer ringing: it was answered on device '{record?.AnsweredDevice}'.");
            default:
                throw new HubException($"Call '{id}' has already ended ({record?.EndReason}).");
        }
    }

    private static string OpenLeg(ICallMediaPlane media, string callId, string leg, string offer, bool preferH264 = false)
    {
        try
        {
            return media.OpenWebRtcLeg(callId, leg, offer, preferH264);
        }
        catch (CallMediaException e)
        {
            throw new HubException($"The SDP offer was refused: {e.Message}");
        }
    }

    private static string Sdp(string? sdpOffer)
    {
        if (string.IsNullOrWhiteSpace(sdpOffer))
        {
            throw new HubException("'sdpOffer' is required: the SDP of RTCPeerConnection.createOffer(), after ICE gathering completed.");
        }
        var offer = sdpOffer;
        if (offer.Length > MaxSdpLength)
        {
            throw new HubException($"'sdpOffer' is {offer.Length} characters; an SDP offer is at most {MaxSdpLength}.");
        }
        if (!offer.StartsWith("v=0", StringComparison.Ordinal))
        {
            throw new HubException("'sdpOffer' is not an SDP offer: it must start with 'v=0' (RFC 8866 §5).");
        }
        return offer;
    }

    private ConnectedDevice CallerDevice() =>
        Context.Items.TryGetValue(DeviceKey, out var value) && value is ConnectedDevice device
            ? device
            : throw new HubException("This login is not a worker: only workers' devices make and answer calls.");

    private CallNode CallServices() => Context.GetHttpContext()!.RequestServices.GetRequiredService<CallNode>();

    private static HubException NoMedia() =>
        new("This node carries no call media (no ICallMediaPlane): calls need a node in role 'all' or 'media' with Dispatch:WebRtc:Enabled=true.");
}
