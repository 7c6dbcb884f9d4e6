namespace Dispatch.Media.WebRtc.Ice;

/// <summary>
/// Consent freshness as an ICE-lite agent sees it (RFC 7675): consent is granted by each authenticated
/// Binding request and lapses 30 s after the last one (§5.1). The clock is injected.
/// </summary>
internal sealed class ConsentFreshness(TimeProvider time)
{
    /// <summary>RFC 7675 §5.1: "Consent expires after 30 seconds".</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private DateTimeOffset? _lastGranted;

    public bool Expired { get; private set; }

    /// <summary>When consent lapses unless refreshed; null before the first check or after expiry.</summary>
    public DateTimeOffset? Deadline => Expired ? null : _lastGranted + Timeout;

    public void Grant() => _lastGranted = time.GetUtcNow();

    /// <summary>Returns true exactly once, when consent has just expired.</summary>
    public bool CheckExpiry()
    {
        if (Expired || _lastGranted is null || time.GetUtcNow() < _lastGranted + Timeout)
        {
            return false;
        }
        Expired = true;
        return true;
    }

    public void Reset()
    {
        Expired = false;
        _lastGranted = null;
    }
}
