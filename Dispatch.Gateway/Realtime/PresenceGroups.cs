namespace Dispatch.Gateway.Realtime;

/// <summary>The SignalR group of the consoles watching a unit's subtree.</summary>
internal static class PresenceGroups
{
    public static string Of(string unitCode) => "presence:" + unitCode;
}
