using Dispatch.Contracts.Realtime;
using Dispatch.Gateway.Hosting;
using Dispatch.Gateway.Realtime;
using Dispatch.Gateway.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>The start-up warm-up (CodeWarmUp, SendPathWarmUp) on the demo county's server, which has it on.</summary>
[Collection(DemoCountyCollection.Name)]
public sealed class WarmUpTests(DemoCountyFixture demo)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_server_compiles_its_own_code_ahead_and_the_runtime_refuses_none_of_it()
    {
        var (compiled, refused) = await demo.App.Services.GetRequiredService<CodeWarmUp>().Done.WaitAsync(Long);

        // The three assemblies hold thousands of methods (grains, storage, hub, APIs, generated codecs and proxies).
        Assert.True(compiled > 2_000, $"only {compiled} methods compiled");
        Assert.Equal(0, refused);
        Assert.DoesNotContain(demo.App.Logs.Lines, l => l.Contains("not compiled ahead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_send_path_warm_up_saves_its_one_row_and_leaves_no_send_behind()
    {
        await demo.App.Services.GetRequiredService<SendPathWarmUp>().Done.WaitAsync(Long);
        var grains = demo.App.Services.GetRequiredService<IGrainFactory>();

        Assert.DoesNotContain(demo.App.Logs.Lines, l => l.Contains("not warmed", StringComparison.Ordinal));
        // The warm-up saved once; this call is the second save of the same row.
        Assert.Equal(2, await grains.GetGrain<IWarmUpGrain>(IWarmUpGrain.SendPath).Run(DateTimeOffset.UtcNow));
        // The tracker and the inbox it activated saved nothing, and their key is no push id or worker id, so no request can reach them.
        Assert.Equal(0, await RowsOf($"%{SendPathWarmUp.BroadcastId}%"));
        Assert.Equal(1, await RowsOf($"%{IWarmUpGrain.SendPath}%"));
        Assert.False(PushIds.TrySplit(PushIds.Of(SendPathWarmUp.BroadcastId, 0), out _, out _));
    }

    private async Task<long> RowsOf(string grainIdPattern)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(demo.App.DataFolder, "dispatch.db")};Mode=ReadOnly");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT COUNT(*) FROM dispatch_grain_state WHERE grain_id LIKE $pattern";
        query.Parameters.AddWithValue("$pattern", grainIdPattern);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
