using Dispatch.Gateway.Media;
using Dispatch.Media.Bridging;
using Dispatch.Media.Bridging.Hosting;
using Dispatch.Media.Bridging.Video;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Forwarding;
using Dispatch.Media.WebRtc.Hosting;

namespace Dispatch.Gateway.Calls.Media;

/// <summary>
/// <see cref="ICallMediaPlane"/> on this node's WebRTC UDP host: every browser leg is a <see cref="WebRtcCallLeg"/>
/// on the shared port, and <see cref="Join"/> puts a <see cref="LegForwarder"/> between two of them.
/// <code>
///   OpenWebRtcLeg ─▶ WebRtcCallLeg.Answer ─▶ WebRtcUdpHost.Add ─▶ answer SDP
///   Join(a, b)    ─▶ LegForwarder(a, b): media both ways once both are connected
///   host removes a leg (consent expired, DTLS failed, never connected) ─▶ LegDropped(leg), and its joined partner
///       is removed too ─▶ LegDropped(partner): a call is never left half alive
///   CloseLeg / Close ─▶ WebRtcUdpHost.Remove (no LegDropped: signalling asked for it)
/// </code>
/// A SIP phone's leg is a <see cref="BridgedSipLeg"/>: plain RTP on its own port pair from <see cref="SipRtpHost"/>
/// with an Opus/G.711 <see cref="AudioBridge"/>, which the forwarder sees as a browser that speaks Opus; when the
/// browser leg sends H.264, the phone is offered it too on a second port pair and, if it accepts, the forwarder passes
/// the video through both ways (<see cref="PhoneVideoPassThrough"/>; otherwise the browser's video is dropped).
/// <see cref="LegDropped"/> is raised on the host's timer thread; handlers must not block.
/// </summary>
public sealed partial class WebRtcCallMediaPlane(WebRtcHostService host, SipRtpHost sipRtp, TimeProvider time, ILogger<WebRtcCallMediaPlane> logger) : ICallMediaPlane
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CallMedia> _calls = new(StringComparer.Ordinal);

    public event Action<CallLegDropped>? LegDropped;

    /// <summary>Calls with at least one leg on this node.</summary>
    public int CallCount
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>The forwarder between a call's legs, for statistics and tests; null when the leg is not joined.</summary>
    public LegForwarder? ForwarderOf(string callId, string legId)
    {
        var call = Find(callId);
        if (call is null)
        {
            return null;
        }
        lock (call.Gate)
        {
            return call.ForwarderOf(legId);
        }
    }

    public string OpenWebRtcLeg(string callId, string legId, string sdpOffer, bool preferH264 = false)
    {
        RequireIds(callId, legId);
        var udp = Host();
        WebRtcCallLeg? leg = null;
        while (leg is null)
        {
            leg = TryOpen(CallFor(callId), legId, sdpOffer, udp, preferH264);
        }
        udp.Add(leg);
        LogLegOpened(callId, legId, leg.LocalUfrag);
        return leg.AnswerSdp;
    }

    /// <summary>Answers under the call's lock; null when the call was forgotten meanwhile (its last leg just went): try again.</summary>
    private WebRtcCallLeg? TryOpen(CallMedia call, string legId, string sdpOffer, WebRtcUdpHost udp, bool preferH264)
    {
        var callId = call.CallId;
        lock (call.Gate)
        {
            if (Find(callId) != call)
            {
                return null;
            }
            if (call.Legs.ContainsKey(legId))
            {
                throw new CallMediaException($"Call '{callId}' already has a leg '{legId}': close it before opening another.");
            }
            WebRtcCallLeg leg;
            try
            {
                leg = WebRtcCallLeg.Answer(callId, legId, sdpOffer, new CallLegSettings
                {
                    Certificate = udp.Certificate,
                    Candidates = [udp.Candidate],
                    Dtls = udp.DtlsOptions,
                    PreferH264 = preferH264,
                }, time, call.Gate);
            }
            catch (CallLegOfferException e)
            {
                ForgetIfEmpty(call);
                throw new CallMediaException($"Leg '{legId}' of call '{callId}': {e.Message}", e);
            }
            leg.Removed += OnLegRemoved;
            call.Legs[legId] = leg;
            return leg;
        }
    }

    /// <summary>Answers a browser's re-offer on an open leg (hub <c>RenegotiateCall</c>); see <see cref="ICallMediaPlane"/>.</summary>
    public string RenegotiateWebRtcLeg(string callId, string legId, string sdpOffer)
    {
        RequireIds(callId, legId);
        var call = Find(callId) ?? throw new CallMediaException($"Call '{callId}' has no media on this node.");
        WebRtcCallLeg leg;
        lock (call.Gate)
        {
            leg = call.Legs.GetValueOrDefault(legId) as WebRtcCallLeg ?? throw NoLeg(call, legId);
        }
        var oldUfrag = leg.LocalUfrag;
        string answer;
        try
        {
            answer = leg.Renegotiate(sdpOffer, out var restarted);
            if (restarted)
            {
                Host().ChangeUfrag(leg, oldUfrag);
            }
        }
        catch (CallLegOfferException e)
        {
            throw new CallMediaException($"Leg '{legId}' of call '{callId}': {e.Message}", e);
        }
        return answer;
    }

    public string CreateSipOffer(string callId, string legId)
    {
        RequireIds(callId, legId);
        BridgedSipLeg? leg = null;
        while (leg is null)
        {
            leg = TryOpenSip(CallFor(callId), legId);
        }
        LogSipLegOpened(callId, legId, leg.Channel.RtpPort);
        return leg.CreateOffer();
    }

    /// <summary>Opens a phone's leg under the call's lock; null when the call was forgotten meanwhile: try again.</summary>
    private BridgedSipLeg? TryOpenSip(CallMedia call, string legId)
    {
        lock (call.Gate)
        {
            if (Find(call.CallId) != call)
            {
                return null;
            }
            if (call.Legs.ContainsKey(legId))
            {
                throw new CallMediaException($"Call '{call.CallId}' already has a leg '{legId}': close it before opening another.");
            }
            PlainRtpChannel channel;
            try
            {
                channel = sipRtp.Host.Open(call.CallId + "/" + legId, RandomSsrc());
            }
            catch (InvalidOperationException e)
            {
                ForgetIfEmpty(call);
                throw new CallMediaException($"No RTP port for leg '{legId}' of call '{call.CallId}': {e.Message}", e);
            }
            var profile = call.Legs.Values.OfType<WebRtcCallLeg>().Select(l => l.SentH264ProfileLevelId).FirstOrDefault(p => p is not null);
            var video = profile is null ? null : OpenVideo(call, legId);
            var leg = new BridgedSipLeg(call.CallId, legId, channel, call.Gate, video, video is null ? null : profile);
            leg.Removed += (removed, reason) =>
            {
                LogVideoTotals(removed);
                OnLegRemoved(removed.CallId, removed, reason);
            };
            call.Legs[legId] = leg;
            return leg;
        }
    }

    /// <summary>
    /// A second port pair for the phone's H.264, running under the call's lock; null (audio only) when the pool has
    /// none left: video is the part of a phone call that can be done without.
    /// </summary>
    private PhoneVideoPassThrough? OpenVideo(CallMedia call, string legId)
    {
        var ssrc = RandomSsrc();
        try
        {
            var channel = sipRtp.Host.Open(call.CallId + "/" + legId + "/video", ssrc, o => o with { ClockRate = 90000 }, call.Gate);
            return new PhoneVideoPassThrough(channel, new LocalSendStream(ssrc, "dispatch-" + call.CallId, "bridge-video-" + legId))
            {
                FirstReceptionReport = report => LogPhoneVideoReport(call.CallId, legId, report.HighestSequence, report.CumulativeLost),
            };
        }
        catch (InvalidOperationException e)
        {
            LogNoVideoPort(call.CallId, legId, e.Message);
            return null;
        }
    }

    public void AcceptSipAnswer(string callId, string legId, string sdpAnswer)
    {
        RequireIds(callId, legId);
        var call = Find(callId) ?? throw new CallMediaException($"Call '{callId}' has no media on this node.");
        BridgedSipLeg leg;
        lock (call.Gate)
        {
            leg = call.Legs.GetValueOrDefault(legId) as BridgedSipLeg ?? throw NoLeg(call, legId);
        }
        // Not under the call's gate: the leg takes its channel's lock first, then the call's.
        if (!leg.AcceptAnswer(sdpAnswer, out var error))
        {
            throw new CallMediaException($"Leg '{legId}' of call '{callId}': {error}");
        }
        if (leg.Video is { } video)
        {
            LogSipVideo(callId, legId, video.Channel.RtpPort, video.Section!.Codecs[0].Parameters);
        }
        else
        {
            LogSipAudioOnly(callId, legId, leg.VideoRejection ?? "");
        }
    }

    public void Join(string callId, string legA, string legB)
    {
        RequireIds(callId, legA);
        RequireIds(callId, legB);
        if (legA == legB)
        {
            throw new CallMediaException($"Call '{callId}': a leg cannot be joined to itself ('{legA}').");
        }
        var call = Find(callId) ?? throw new CallMediaException($"Call '{callId}' has no media on this node: open its WebRTC legs first.");
        lock (call.Gate)
        {
            var a = call.Legs.GetValueOrDefault(legA) ?? throw NoLeg(call, legA);
            var b = call.Legs.GetValueOrDefault(legB) ?? throw NoLeg(call, legB);
            if (call.ForwarderOf(legA) is { } existing && (existing.A.LegId == legB || existing.B.LegId == legB))
            {
                return;
            }
            if (call.ForwarderOf(legA) is not null || call.ForwarderOf(legB) is not null)
            {
                throw new CallMediaException($"Call '{callId}': leg '{(call.ForwarderOf(legA) is not null ? legA : legB)}' is already joined to another leg.");
            }
            call.Forwarders.Add(new LegForwarder(a, b, time));
        }
        LogJoined(callId, legA, legB);
    }

    public void CloseLeg(string callId, string legId)
    {
        var call = Find(callId);
        if (call is null)
        {
            return;
        }
        IMediaLeg? leg;
        lock (call.Gate)
        {
            if (!call.Legs.TryGetValue(legId, out leg))
            {
                return;
            }
            call.ClosingLocally.Add(legId);
        }
        Remove(leg, "closed by call signalling");
    }

    public void Close(string callId)
    {
        var call = Find(callId);
        if (call is null)
        {
            return;
        }
        IMediaLeg[] legs;
        lock (call.Gate)
        {
            legs = [.. call.Legs.Values];
            foreach (var leg in legs)
            {
                call.ClosingLocally.Add(leg.LegId);
            }
        }
        foreach (var leg in legs)
        {
            Remove(leg, "the call ended");
        }
        lock (_gate)
        {
            _calls.Remove(callId);
        }
    }

    /// <summary>The host removed a leg: forget it; unless signalling asked for it, it and its partner dropped.</summary>
    private void OnLegRemoved(WebRtcCallLeg leg, string reason) => OnLegRemoved(leg.CallId, leg, reason);

    private void OnLegRemoved(string callId, IMediaLeg leg, string reason)
    {
        var call = Find(callId);
        if (call is null)
        {
            return;
        }
        bool local;
        IMediaLeg? partner = null;
        lock (call.Gate)
        {
            call.Legs.Remove(leg.LegId);
            local = call.ClosingLocally.Remove(leg.LegId);
            if (call.ForwarderOf(leg.LegId) is { } forwarder)
            {
                forwarder.Detach();
                call.Forwarders.Remove(forwarder);
                partner = ReferenceEquals(forwarder.A, leg) ? forwarder.B : forwarder.A;
            }
            ForgetIfEmpty(call);
        }
        LogLegRemoved(callId, leg.LegId, local, reason);
        if (local)
        {
            return;
        }
        LegDropped?.Invoke(new CallLegDropped(callId, leg.LegId, reason));
        if (partner is not null)
        {
            // Half a call is no call: the other side goes too, and signalling hears about both.
            Remove(partner, $"the other leg '{leg.LegId}' dropped: {reason}");
        }
    }

    /// <summary>Takes a leg down the way its kind needs; its Removed event then reports back here.</summary>
    private void Remove(IMediaLeg leg, string reason)
    {
        switch (leg)
        {
            case WebRtcCallLeg webRtc:
                Host().Remove(webRtc, reason);
                break;
            case BridgedSipLeg sip:
                // Disposing waits for the channel's loops; never on the caller's thread (it may be one of them).
                _ = Task.Run(() => sip.CloseAsync(reason).AsTask());
                break;
        }
    }

    /// <summary>What the phone's video carried, logged when its leg goes (the call may already be forgotten).</summary>
    private void LogVideoTotals(BridgedSipLeg leg)
    {
        if (leg.Video is not { } video)
        {
            return;
        }
        var peer = video.Channel.Leg.PeerReport;
        LogPhoneVideoTotals(leg.CallId, leg.LegId, video.Packets.Sent, video.Packets.Received, video.KeyFrameRequests, video.Channel.Leg.PeerReports,
            peer?.HighestSequence ?? 0, peer?.CumulativeLost ?? 0);
    }

    private static uint RandomSsrc() => BitConverter.ToUInt32(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)) | 1;

    private void ForgetIfEmpty(CallMedia call)
    {
        if (call.Legs.Count > 0)
        {
            return;
        }
        lock (_gate)
        {
            if (_calls.GetValueOrDefault(call.CallId) == call)
            {
                _calls.Remove(call.CallId);
            }
        }
    }

    /// <summary>The call's media, made on its first leg.</summary>
    private CallMedia CallFor(string callId)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out var call))
            {
                _calls[callId] = call = new CallMedia(callId);
            }
            return call;
        }
    }

    private CallMedia? Find(string callId)
    {
        lock (_gate)
        {
            return _calls.GetValueOrDefault(callId);
        }
    }

    private WebRtcUdpHost Host()
    {
        try
        {
            return host.Host;
        }
        catch (InvalidOperationException e)
        {
            throw new CallMediaException("The media node's WebRTC host is not running (it starts with the node).", e);
        }
    }

    private static CallMediaException NoLeg(CallMedia call, string legId) =>
        new($"Call '{call.CallId}' has no leg '{legId}' on this node (open legs: {string.Join(", ", call.Legs.Keys.Order())}).");

    private static void RequireIds(string callId, string legId)
    {
        if (string.IsNullOrWhiteSpace(callId) || string.IsNullOrWhiteSpace(legId))
        {
            throw new CallMediaException("A call id and a leg id are both needed.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: WebRTC leg {LegId} answered ({Ufrag})")]
    private partial void LogLegOpened(string callId, string legId, string ufrag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: SIP leg {LegId} on RTP port {Port}")]
    private partial void LogSipLegOpened(string callId, string legId, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: SIP leg {LegId} passes H.264 through on RTP port {Port} ({Parameters})")]
    private partial void LogSipVideo(string callId, string legId, int port, string parameters);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: SIP leg {LegId} video: first reception report from the phone, extended highest sequence {Highest}, lost {Lost}")]
    private partial void LogPhoneVideoReport(string callId, string legId, uint highest, int lost);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: SIP leg {LegId} video totals: sent {Sent} RTP packets, received {Received}, key frame requests {KeyFrames}, phone reports {Reports} (last: extended highest sequence {Highest}, lost {Lost})")]
    private partial void LogPhoneVideoTotals(string callId, string legId, long sent, long received, long keyFrames, long reports, uint highest, int lost);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: SIP leg {LegId} is audio only: {Reason}")]
    private partial void LogSipAudioOnly(string callId, string legId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: no RTP port for the video of SIP leg {LegId}, audio only: {Reason}")]
    private partial void LogNoVideoPort(string callId, string legId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: legs {LegA} and {LegB} joined")]
    private partial void LogJoined(string callId, string legA, string legB);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: leg {LegId} removed (asked by signalling: {Local}): {Reason}")]
    private partial void LogLegRemoved(string callId, string legId, bool local, string reason);
}
