namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>
/// The running timers of one transaction: at most a few at a time (A and B, E and F, G and H, or one of D, I, J, K,
/// L, M), so a small array searched in order. Kept per transaction for as long as it lives, Timer J included (32 s,
/// tens of thousands of finished REGISTER transactions under load), where a dictionary cost about five times the memory.
/// </summary>
internal struct SipTimerTable
{
    private (SipTimer Timer, DateTimeOffset Due)[]? _entries;
    private int _count;

    public readonly int Count => _count;

    public void Set(SipTimer timer, DateTimeOffset due)
    {
        var i = IndexOf(timer);
        if (i >= 0)
        {
            _entries![i].Due = due;
            return;
        }
        _entries ??= new (SipTimer, DateTimeOffset)[2];
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }
        _entries[_count++] = (timer, due);
    }

    public void Remove(SipTimer timer)
    {
        var i = IndexOf(timer);
        if (i >= 0)
        {
            _entries![i] = _entries[--_count];
        }
    }

    public void Clear() => _count = 0;

    public readonly bool HasDeadline(DateTimeOffset due)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_entries![i].Due == due)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The timer with the earliest deadline; false when none runs.</summary>
    public readonly bool TryPeekEarliest(out SipTimer timer, out DateTimeOffset due)
    {
        timer = default;
        due = DateTimeOffset.MaxValue;
        for (var i = 0; i < _count; i++)
        {
            if (_entries![i].Due < due)
            {
                (timer, due) = _entries[i];
            }
        }
        return _count > 0;
    }

    private readonly int IndexOf(SipTimer timer)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_entries![i].Timer == timer)
            {
                return i;
            }
        }
        return -1;
    }
}
