namespace Dispatch.Silo.Hosting;

/// <summary>The <c>Dispatch</c> configuration section. Every value has a single-node default.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>Where the SQLite file, the token-signing key and attachments live.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary><c>sqlite</c> (single node, default) or <c>postgres</c> (cluster); read by <see cref="Storage.StorageSettings"/>.</summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>Orleans cluster id; cluster tests use a fresh one per run.</summary>
    public string ClusterId { get; set; } = "dispatch";

    /// <summary>Silo-to-silo port (cluster mode).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (gateway processes) connect to (cluster mode).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on (cluster mode).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Generate the Feicheng-size demo tree on first start.</summary>
    public bool DemoData { get; set; } = true;

    /// <summary>
    /// Once ready, compile the gateway's and silo's code and run the send path once in the background, so that the
    /// first send after a start is as fast as the later ones (docs/realtime.md). Tests that start many short-lived
    /// servers turn it off.
    /// </summary>
    public bool WarmUp { get; set; } = true;
}
