using Dispatch.Media.Audio.Jitter;

namespace Dispatch.Media.Bridging;

/// <summary>What went through an <see cref="AudioBridge"/> and what it refused, per direction.</summary>
public sealed record AudioBridgeStatistics(JitterStatistics FromWebRtc, JitterStatistics FromSip)
{
    /// <summary>Datagrams that were not RTP (RFC 3550 §5.1 header checks failed).</summary>
    public long Malformed { get; set; }

    /// <summary>RTP with a payload type neither leg negotiated (comfort noise, a codec switch, ...): ignored.</summary>
    public long UnknownPayloadType { get; set; }

    public long DtmfToSip { get; set; }

    public long DtmfToWebRtc { get; set; }

    public long SentToSip { get; set; }

    public long SentToWebRtc { get; set; }

    /// <summary>Opus packets that failed to decode (concealed instead).</summary>
    public long CorruptOpus { get; set; }

    /// <summary>Output packets overwritten because the host did not poll in time.</summary>
    public long OutputOverwritten { get; set; }
}
