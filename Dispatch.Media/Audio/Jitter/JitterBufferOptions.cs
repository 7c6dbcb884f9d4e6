namespace Dispatch.Media.Audio.Jitter;

/// <summary>How much delay a <see cref="JitterBuffer"/> adds to absorb jitter, and how much it may ever hold.</summary>
public sealed record JitterBufferOptions
{
    /// <summary>How long after its first packet a stream starts to play: the jitter it absorbs (3 frames).</summary>
    public TimeSpan PlayoutDelay { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>The most frames held; a packet further ahead than this pushes playout forward, bounding the delay.</summary>
    public int Capacity { get; init; } = 10;

    /// <summary>After this many missing frames in a row the stream counts as paused and waits to rebuffer.</summary>
    public int MissingFramesBeforeRebuffer { get; init; } = 10;

    /// <summary>The largest payload kept; bigger packets are refused (counted as dropped).</summary>
    public int MaxPayloadBytes { get; init; } = 1500;
}
