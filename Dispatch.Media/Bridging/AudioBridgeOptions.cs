using System.Security.Cryptography;
using Dispatch.Media.Audio.G711;
using Dispatch.Media.Audio.Jitter;

namespace Dispatch.Media.Bridging;

/// <summary>
/// What the two legs negotiated: G.711 law and payload types on the SIP side (RFC 3551 static 0/8, dynamic
/// telephone-event/8000), Opus and telephone-event/48000 payload types on the WebRTC side (RFC 7587, RFC 4733),
/// the SSRCs the bridge sends with, and the jitter buffers' settings.
/// </summary>
public sealed record AudioBridgeOptions
{
    public G711Law SipLaw { get; init; } = G711Law.MuLaw;

    public byte SipTelephoneEventPayloadType { get; init; } = 101;

    public byte WebRtcOpusPayloadType { get; init; } = 111;

    public byte WebRtcTelephoneEventPayloadType { get; init; } = 126;

    public uint ToSipSsrc { get; init; } = RandomUInt();

    public uint ToWebRtcSsrc { get; init; } = RandomUInt();

    public JitterBufferOptions Jitter { get; init; } = new();

    public int OpusBitrate { get; init; } = 32000;

    public int OpusComplexity { get; init; } = 5;

    private static uint RandomUInt() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));

    /// <summary>RFC 3550 §5.1: random initial sequence number and timestamp.</summary>
    internal static ushort RandomSequence() => (ushort)RandomNumberGenerator.GetInt32(0, 65536);

    internal static uint RandomTimestamp() => RandomUInt();
}
