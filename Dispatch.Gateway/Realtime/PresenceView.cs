using Dispatch.Contracts.Realtime;

namespace Dispatch.Gateway.Realtime;

/// <summary>A worker's presence as a console sees it (the <c>presence</c> event).</summary>
public sealed record PresenceView(string WorkerId, PresenceStatus Status, DateTimeOffset At)
{
    public static PresenceView From(PresenceChange change) => new(change.WorkerId, change.Status, change.At);
}
