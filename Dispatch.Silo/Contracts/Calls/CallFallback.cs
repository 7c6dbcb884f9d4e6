namespace Dispatch.Contracts.Calls;

/// <summary>Who rings when the called worker has no live device (docs/calls.md, "Fallback").</summary>
public enum CallFallback
{
    /// <summary>The called worker rings.</summary>
    None,
    /// <summary>An on-duty worker of one of the called worker's units rings instead.</summary>
    OnDutyWorker,
    /// <summary>Nobody on duty was reachable: the grid chief of one of the called worker's units rings instead.</summary>
    GridChief,
}
