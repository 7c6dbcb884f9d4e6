using System.Collections.Concurrent;
using System.Text;
using Dispatch.Contracts.Calls;
using Dispatch.Media.Sip.Calls;

namespace Dispatch.Gateway.Calls.Sip;

/// <summary>
/// The B2BUA's media hook on a node that carries Dispatch calls: for the INVITEs a call places to a worker's phones it
/// asks the media plane for the offer (<see cref="ICallMediaPlane.CreateSipOffer"/>), hands the winning 2xx's answer
/// back, and reports the phones' answer, hang-up or failure to the call grain. Every other SIP call passes through
/// <see cref="PassThroughMediaHook"/> as before.
/// <code>
///   StartCall ─► Originate ─► OriginateOffer ─► CreateSipOffer ─► INVITE (forked)   2xx ─► AcceptSipAnswer ─► grain.Answer ─► Join
///   ended unanswered ─► grain.PhonesGaveUp(status)   BYE after the answer ─► grain.HangUp     browser won ─► StopPhones (CANCEL)
/// </code>
/// The hook runs under the SIP core's lock, so grain calls go off on the thread pool and never block it.
/// </summary>
public sealed partial class CallSipHook(IServiceProvider services, IGrainFactory grains, ILogger<CallSipHook> logger) : ISipMediaHook
{
    /// <summary>The leg id of a call's phones in the media plane (one INVITE forks to all of them).</summary>
    public const string PhoneLeg = "phone";

    [ThreadStatic]
    private static string? t_originating;

    private readonly PassThroughMediaHook _passThrough = new();
    private readonly ConcurrentDictionary<string, PhoneCall> _bySip = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PhoneCall> _byCall = new(StringComparer.Ordinal);

    /// <summary>The B2BUA this hook serves; set by the SIP host once it is built.</summary>
    public SipB2bua? B2bua { get; set; }

    private ICallMediaPlane? Media => services.GetService<ICallMediaPlane>();

    /// <summary>Rings the worker's phones for a call; false when this node has no SIP stack.</summary>
    public bool RingPhones(string callId, string sipUsername, string callerName)
    {
        if (B2bua is not { } b2bua)
        {
            return false;
        }
        t_originating = callId;
        try
        {
            b2bua.Originate(new SipOriginateRequest(sipUsername, callerName));
        }
        finally
        {
            t_originating = null;
        }
        return true;
    }

    /// <summary>Stops the phones of a call: CANCEL while they ring, BYE once answered. Unknown calls are ignored.</summary>
    public void StopPhones(string callId)
    {
        if (_byCall.TryGetValue(callId, out var phone) && !phone.Stopped)
        {
            phone.Stopped = true;
            B2bua?.HangUp(phone.SipCallId);
        }
    }

    /// <summary>The B2BUA's call events (besides the call log): learns the SIP call id, and reports the end.</summary>
    public void Observe(SipCallEvent e)
    {
        if (e.State == SipCallState.Routing && t_originating is { } callId)
        {
            var phone = new PhoneCall(callId, e.Call.CallId);
            _bySip[e.Call.CallId] = phone;
            _byCall[callId] = phone;
            return;
        }
        if (e.State != SipCallState.Ended || !_bySip.TryRemove(e.Call.CallId, out var ended))
        {
            return;
        }
        _byCall.TryRemove(ended.CallId, out _);
        if (ended.Stopped)
        {
            return;
        }
        var grain = grains.GetGrain<ICallGrain>(ended.CallId);
        if (ended.Answered)
        {
            Report(grain.HangUp(e.Call.WorkerId ?? "", PhoneDevice(e.Call)), ended.CallId);
        }
        else
        {
            Report(grain.PhonesGaveUp(e.StatusCode ?? 500, e.Detail), ended.CallId);
        }
    }

    public SipSessionBody? OriginateOffer(SipCallInfo call)
    {
        if (!_bySip.TryGetValue(call.CallId, out var phone) || Media is not { } media)
        {
            return _passThrough.OriginateOffer(call);
        }
        try
        {
            return new SipSessionBody("application/sdp", Encoding.ASCII.GetBytes(media.CreateSipOffer(phone.CallId, PhoneLeg)));
        }
        catch (CallMediaException e)
        {
            LogMediaRefused(logger, phone.CallId, e.Message);
            return _passThrough.OriginateOffer(call);
        }
    }

    public void OnAnswered(SipCallInfo call, SipSessionBody? answer)
    {
        if (!_bySip.TryGetValue(call.CallId, out var phone))
        {
            return;
        }
        phone.Answered = true;
        _ = Task.Run(() => PhoneAnswered(phone, call, answer));
    }

    public SipSessionBody? Relay(SipCallInfo call, SipRelayDirection direction, SipSessionBody? body) => _passThrough.Relay(call, direction, body);

    public SipSessionBody? AnswerReoffer(SipCallInfo call, SipSessionBody? offer, SipSessionBody? lastSent) => lastSent;

    public void OnEnded(SipCallInfo call)
    {
        // Reported through Observe, which also knows the final status.
    }

    /// <summary>The phones' 2xx: the media plane takes the answer, then the grain decides whether the phone won.</summary>
    private async Task PhoneAnswered(PhoneCall phone, SipCallInfo call, SipSessionBody? answer)
    {
        var grain = grains.GetGrain<ICallGrain>(phone.CallId);
        try
        {
            var media = Media;
            if (media is not null && answer is not null)
            {
                media.AcceptSipAnswer(phone.CallId, PhoneLeg, Encoding.UTF8.GetString(answer.Content.Span));
            }
            var refused = await grain.Answer(call.WorkerId ?? "", PhoneDevice(call));
            if (refused != CallRefusal.None)
            {
                // A browser answered first: this phone lost the race.
                StopPhones(phone.CallId);
                media?.CloseLeg(phone.CallId, PhoneLeg);
                return;
            }
            media?.Join(phone.CallId, "caller", PhoneLeg);
        }
        catch (CallMediaException e)
        {
            LogMediaRefused(logger, phone.CallId, e.Message);
            StopPhones(phone.CallId);
            await grain.Fail(CallOutcome.Failed, CallEndCause.MediaFailed, "the phone's answer was refused by the media plane: " + e.Message);
        }
    }

    private static string PhoneDevice(SipCallInfo call) => "sip:" + call.User;

    private void Report(Task task, string callId) => task.ContinueWith(t => LogReportFailed(logger, callId, t.Exception!.GetBaseException().Message),
        CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private sealed class PhoneCall(string callId, string sipCallId)
    {
        public string CallId { get; } = callId;

        public string SipCallId { get; } = sipCallId;

        public volatile bool Answered;

        public volatile bool Stopped;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the media plane refused the phone leg: {Reason}")]
    private static partial void LogMediaRefused(ILogger logger, string callId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: telling the call grain about its phones failed: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string callId, string reason);
}
