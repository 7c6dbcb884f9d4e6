namespace Dispatch.Media.Audio;

/// <summary>
/// The bridge's unit of audio: 20 ms of mono PCM, 160 samples at 8 kHz (G.711, RFC 3551 §4.5.14 ptime 20)
/// and 960 samples at 48 kHz (Opus, RFC 7587 §4.1: the RTP clock is always 48 kHz).
/// </summary>
public static class AudioFrame
{
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(20);

    public const int NarrowbandRate = 8000;
    public const int FullbandRate = 48000;
    public const int NarrowbandSamples = 160;
    public const int FullbandSamples = 960;

    /// <summary>48 kHz samples per 8 kHz sample.</summary>
    public const int RateRatio = FullbandRate / NarrowbandRate;
}
