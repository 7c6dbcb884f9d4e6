using System.Collections.Concurrent;
using Dispatch.Gateway.Calls;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>
/// A media plane that only records what signalling asked of it (unit tests of the call flow; the real legs are
/// media-fwd's and audio-bridge's). An offer containing "m=bogus" is refused as a real plane refuses bad SDP.
/// </summary>
internal sealed class FakeMediaPlane : ICallMediaPlane
{
    public ConcurrentQueue<string> Requests { get; } = new();

    public event Action<CallLegDropped>? LegDropped;

    public string OpenWebRtcLeg(string callId, string legId, string sdpOffer, bool preferH264 = false)
    {
        if (sdpOffer.Contains("m=bogus", StringComparison.Ordinal))
        {
            throw new CallMediaException("m=bogus: not a media type this node carries (audio and video only)");
        }
        Requests.Enqueue($"open {callId} {legId}");
        return $"v=0\r\no=dispatch 1 1 IN IP4 127.0.0.1\r\ns=answer {legId}\r\nt=0 0\r\n";
    }

    public string RenegotiateWebRtcLeg(string callId, string legId, string sdpOffer)
    {
        if (sdpOffer.Contains("m=bogus", StringComparison.Ordinal))
        {
            throw new CallMediaException("m=bogus: not a media type this node carries (audio and video only)");
        }
        Requests.Enqueue($"renegotiate {callId} {legId}");
        return $"v=0\r\no=dispatch 1 2 IN IP4 127.0.0.1\r\ns=answer {legId} again\r\nt=0 0\r\n";
    }

    public string CreateSipOffer(string callId, string legId)
    {
        Requests.Enqueue($"sip-offer {callId} {legId}");
        return "v=0\r\no=dispatch 2 1 IN IP4 127.0.0.1\r\ns=Dispatch\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n";
    }

    public void AcceptSipAnswer(string callId, string legId, string sdpAnswer) => Requests.Enqueue($"sip-answer {callId} {legId}");

    public void Join(string callId, string legA, string legB) => Requests.Enqueue($"join {callId} {legA} {legB}");

    public void CloseLeg(string callId, string legId) => Requests.Enqueue($"close-leg {callId} {legId}");

    public void Close(string callId) => Requests.Enqueue($"close {callId}");

    public void Drop(string callId, string legId, string reason) => LegDropped?.Invoke(new CallLegDropped(callId, legId, reason));

    public IReadOnlyList<string> Of(string callId) => Requests.Where(r => r.Contains(" " + callId, StringComparison.Ordinal)).ToArray();
}
