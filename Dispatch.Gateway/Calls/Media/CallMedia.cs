using Dispatch.Media.WebRtc.Forwarding;

namespace Dispatch.Gateway.Calls.Media;

/// <summary>The media of one call on this node: its legs (browsers' WebRTC legs, phones' bridged legs), the forwarders joining them, and the one lock they share.</summary>
internal sealed class CallMedia(string callId)
{
    public string CallId { get; } = callId;

    /// <summary>Taken by every leg of the call for each packet, so forwarding leg to leg never takes two locks.</summary>
    public object Gate { get; } = new();

    public Dictionary<string, IMediaLeg> Legs { get; } = new(StringComparer.Ordinal);

    public List<LegForwarder> Forwarders { get; } = [];

    /// <summary>Legs being removed because signalling asked (hang-up, lost race): their removal is not a drop.</summary>
    public HashSet<string> ClosingLocally { get; } = new(StringComparer.Ordinal);

    public LegForwarder? ForwarderOf(string legId) =>
        Forwarders.FirstOrDefault(f => f.A.LegId == legId || f.B.LegId == legId);
}
