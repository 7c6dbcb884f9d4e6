namespace Dispatch.Media.Sdp;

/// <summary>
/// A <c>t=</c> line (RFC 8866 §5.9) and the <c>r=</c> lines that follow it (§5.10), kept verbatim:
/// WebRTC and SIP use only <c>t=0 0</c>.
/// </summary>
public sealed record Timing(ulong Start, ulong Stop)
{
    public List<string> Repeats { get; init; } = [];

    public static Timing Unbounded() => new(0, 0);

    public bool Equals(Timing? other) =>
        other is not null && Start == other.Start && Stop == other.Stop && Repeats.SequenceEqual(other.Repeats);

    public override int GetHashCode() => HashCode.Combine(Start, Stop, Repeats.Count);

    public override string ToString() => $"{Start} {Stop}";
}
