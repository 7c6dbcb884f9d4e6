using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Sip;
using Dispatch.Silo.Realtime;
using Dispatch.Silo.Storage;
using Dispatch.Silo.Tests.Support;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Sip;

/// <summary>Issue 4: a binding the registrar acknowledged (its write returned) survives a restart of the silo.</summary>
public sealed class SipBindingsDurabilityTests
{
    private static async Task<InProcessTestCluster> StartAsync(string dataFolder)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "dispatch-sip-bindings-tests"; // the same across restarts: state is keyed by it
        builder.ConfigureSilo((_, silo) => silo.UseDispatchSqliteStorage(dataFolder).AddDispatchRealtime());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static SipBinding Binding(string device, long cseq) =>
        new($"<sip:{device}@192.0.2.9:5060>", device, "call-" + device, cseq, DateTimeOffset.UtcNow.AddHours(1), "SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK1");

    [Fact]
    public async Task Bindings_written_before_a_restart_are_read_back_with_their_version_and_their_phone_is_online_again()
    {
        using var folder = new TempFolder();
        var worker = $"sip-durable-{Guid.NewGuid():N}";
        SipBindingWrite second;
        await using (var first = await StartAsync(folder.Path))
        {
            var bindings = first.Client.GetGrain<ISipBindingsGrain>(worker);
            await bindings.Replace(0, [Binding("desk-1", 1)]);
            second = await bindings.Replace(1, [Binding("desk-1", 2), Binding("soft-1", 7)]);
            await first.StopAllSilosAsync();
        }

        await using var restarted = await StartAsync(folder.Path);
        var read = await restarted.Client.GetGrain<ISipBindingsGrain>(worker).Get();

        Assert.True(second.Applied);
        Assert.Equal(2, read.Version);
        Assert.Equal(["desk-1", "soft-1"], read.Bindings.Select(b => b.DeviceId));
        Assert.Equal([2L, 7L], read.Bindings.Select(b => b.CSeq));
        Assert.Equal(PresenceStatus.Online, await restarted.Client.GetGrain<IPresenceGrain>(worker).GetStatus());
    }

    [Fact]
    public async Task A_write_against_a_version_saved_before_the_restart_is_refused_after_it()
    {
        using var folder = new TempFolder();
        var worker = $"sip-durable-{Guid.NewGuid():N}";
        await using (var first = await StartAsync(folder.Path))
        {
            var bindings = first.Client.GetGrain<ISipBindingsGrain>(worker);
            await bindings.Replace(0, [Binding("desk-1", 1)]);
            await bindings.Replace(1, [Binding("desk-1", 2)]);
            await first.StopAllSilosAsync();
        }

        await using var restarted = await StartAsync(folder.Path);
        var stale = await restarted.Client.GetGrain<ISipBindingsGrain>(worker).Replace(1, []);

        Assert.False(stale.Applied);
        Assert.Equal(2, stale.Current.Version);
        Assert.Single(stale.Current.Bindings);
    }
}
