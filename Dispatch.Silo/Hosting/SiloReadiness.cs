namespace Dispatch.Silo.Hosting;

/// <summary>
/// Whether this process may take traffic: the silo is up and, when demo data is on, the demo tree
/// is in place. <c>/healthz</c> reads it.
/// </summary>
public sealed class SiloReadiness
{
    private volatile bool _siloStarted;
    private volatile bool _dataReady;

    public bool IsReady => _siloStarted && _dataReady;

    public string Status => !_siloStarted ? "silo starting" : !_dataReady ? "loading demo data" : "ready";

    public void SiloStarted() => _siloStarted = true;

    public void DataReady() => _dataReady = true;
}
