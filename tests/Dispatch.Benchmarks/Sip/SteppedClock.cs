namespace Dispatch.Benchmarks.Sip;

/// <summary>A clock the benchmark moves by hand, so transaction timers and nonce ages follow the operation count.</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
