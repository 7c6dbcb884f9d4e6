namespace Dispatch.Silo.Hosting;

/// <summary>Runs when the silo has joined its cluster and can activate grains.</summary>
internal sealed class MarkSiloStarted(SiloReadiness readiness) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken)
    {
        readiness.SiloStarted();
        return Task.CompletedTask;
    }
}
