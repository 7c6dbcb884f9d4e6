namespace Dispatch.Media.Audio.Jitter;

public enum JitterFrameKind
{
    /// <summary>Nothing to play: no stream yet, still buffering, or paused after a long gap. Send nothing.</summary>
    Idle,

    /// <summary>The frame due now arrived: decode it.</summary>
    Frame,

    /// <summary>The frame due now is lost or late: conceal it (the next one may be peeked for FEC).</summary>
    Missing,
}
