namespace Dispatch.Media.Audio.Jitter;

/// <summary>Counters of one jitter buffer since it was created.</summary>
public sealed record JitterStatistics
{
    public long Received { get; set; }
    public long Played { get; set; }

    /// <summary>Frames whose turn came before they arrived (including ones that never came): concealed.</summary>
    public long Lost { get; set; }

    /// <summary>Packets that arrived after their frame was played or concealed: dropped.</summary>
    public long Late { get; set; }

    public long Duplicates { get; set; }

    /// <summary>Frames skipped to keep the delay bounded, and oversized packets refused.</summary>
    public long Dropped { get; set; }

    /// <summary>Times playout restarted after a pause or a jump in sequence numbers.</summary>
    public long Rebuffers { get; set; }
}
