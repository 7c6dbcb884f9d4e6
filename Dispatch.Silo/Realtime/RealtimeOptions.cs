namespace Dispatch.Silo.Realtime;

/// <summary>The <c>Dispatch:Realtime</c> configuration section: presence and gateway timing.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Dispatch:Realtime";

    /// <summary>How long a worker stays online after the last device dropped, so a reconnect is not seen as offline.</summary>
    public TimeSpan PresenceGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a gateway re-registers its observer and re-announces its connected devices.</summary>
    public TimeSpan GatewayRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A device or gateway not re-announced within this time is taken for gone (its process died).</summary>
    public TimeSpan Lease => GatewayRefresh * 3;
}
