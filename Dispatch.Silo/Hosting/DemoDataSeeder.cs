using System.Diagnostics;
using Dispatch.Contracts.Accounts;
using Dispatch.Contracts.Org;
using Dispatch.Silo.Accounts;
using Dispatch.Silo.Grid.Demo;
using Dispatch.Silo.Org;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Silo.Hosting;

/// <summary>
/// On first start (and after an interrupted first start), loads the Feicheng-size demo tree and its
/// demo logins through the grains, then marks the process ready. With Dispatch:DemoData=false it
/// only makes sure an administrator login exists.
/// </summary>
internal sealed partial class DemoDataSeeder(
    IOptions<DispatchOptions> options,
    SiloReadiness readiness,
    IGrainFactory grains,
    OrgSnapshotApplier applier,
    AdminBootstrap admin,
    ILogger<DemoDataSeeder> logger) : BackgroundService
{
    /// <summary>
    /// Bump when the generator's output changes so existing data folders are refreshed.
    /// 2: re-applies the SIP devices so that the SIP username index (ISipAccountGrain) is filled.
    /// </summary>
    public const int DemoVersion = 2;

    /// <summary>The one password of every demo login; it exists only while demo data is on.</summary>
    public const string DemoPassword = "demo2026";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenSiloStarted.WaitAsync(stoppingToken);
            if (options.Value.DemoData)
            {
                await LoadDemo(stoppingToken);
            }
            else
            {
                LogDisabled();
                await admin.EnsureAdmin(stoppingToken);
            }
            readiness.DataReady();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFailed(e);
            throw;
        }
    }

    private async Task LoadDemo(CancellationToken cancellationToken)
    {
        var marker = grains.GetGrain<IDemoDataGrain>(0);
        if (await marker.GetLoadedVersion() >= DemoVersion)
        {
            LogAlreadyLoaded();
            return;
        }
        var clock = Stopwatch.StartNew();
        var snapshot = DemoTreeGenerator.Generate();
        LogLoading(snapshot.Units.Count, snapshot.Workers.Count);
        await applier.Apply(snapshot, cancellationToken);

        // One hash shared by every demo login: hashing 6,000 passwords would take minutes.
        var hash = PasswordHasher.Hash(DemoPassword);
        var logins = snapshot.Logins
            .Select(l => new AccountRecord(l.LoginName, hash, l.WorkerId, l.IsAdmin))
            .Concat(snapshot.Workers.Select(w => new AccountRecord(w.Phone, hash, w.Id, IsAdmin: false)));
        await Parallel.ForEachAsync(logins, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken },
            async (account, _) => await grains.GetGrain<IAccountGrain>(account.LoginName).Set(account));

        await marker.SetLoadedVersion(DemoVersion);
        LogLoaded(clock.Elapsed.TotalSeconds);
        CollectTheLoadersGarbage();
    }

    /// <summary>
    /// The load leaves the snapshot, its rows and the writes' buffers behind in the old generation; without this, the
    /// first send after a first start met a gen2 collection and 4 collections in all (delivery p99 624-630 ms against
    /// 289-363 ms for the first send after a restart; docs/realtime.md, "The first send after a first start").
    /// Once, before any device connects.
    /// </summary>
    private static void CollectTheLoadersGarbage()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data is off (Dispatch:DemoData=false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data already loaded")]
    private partial void LogAlreadyLoaded();

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading demo data: {Units} units, {Workers} workers (first start only)")]
    private partial void LogLoading(int units, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded in {Seconds:F1} s; demo logins use the password in the README")]
    private partial void LogLoaded(double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Loading data failed; the process will not report ready")]
    private partial void LogFailed(Exception e);
}
