using System.Net;
using Dispatch.Media.Audio.G711;

namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>
/// What the SDP exchange with the phone settled: the G.711 law, the telephone-event payload type (null when the
/// phone does not do RFC 4733), where the phone said it wants RTP and RTCP, and whether RTCP shares the RTP port.
/// A video leg (<see cref="PlainRtpLeg.AcceptVideo"/>) uses only the addresses and the mux flag.
/// </summary>
public sealed record PlainRtpNegotiation(G711Law Law, byte? TelephoneEventPayloadType, IPEndPoint? RemoteRtp, IPEndPoint? RemoteRtcp, bool RtcpMux)
{
    /// <summary>Bridge options for this leg (the WebRTC side's payload types and the rest from <paramref name="template"/>).</summary>
    public AudioBridgeOptions ToBridgeOptions(AudioBridgeOptions? template = null) => (template ?? new AudioBridgeOptions()) with
    {
        SipLaw = Law,
        SipTelephoneEventPayloadType = TelephoneEventPayloadType ?? (template ?? new AudioBridgeOptions()).SipTelephoneEventPayloadType,
    };
}
