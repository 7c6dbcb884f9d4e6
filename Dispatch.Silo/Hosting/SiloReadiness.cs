namespace Dispatch.Silo.Hosting;

/// <summary>
/// Whether this process may take traffic: the silo is up and, when demo data is on, the demo tree
/// is in place. <c>/healthz</c> reads it.
/// </summary>
public sealed class SiloReadiness
{
    private readonly TaskCompletionSource _siloStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _dataReady;

    public bool IsReady => _siloStarted.Task.IsCompleted && _dataReady;

    public string Status => !_siloStarted.Task.IsCompleted ? "silo starting" : !_dataReady ? "loading data" : "ready";

    public Task WhenSiloStarted => _siloStarted.Task;

    public void SiloStarted() => _siloStarted.TrySetResult();

    public void DataReady() => _dataReady = true;
}
