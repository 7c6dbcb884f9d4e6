namespace Dispatch.Gateway.Realtime;

/// <summary>The names of the events the hub sends to clients.</summary>
public static class HubEvents
{
    public const string Push = "push";
    public const string Presence = "presence";
    public const string Awareness = "awareness";
}
