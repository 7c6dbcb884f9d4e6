using Dispatch.Contracts.Realtime;
using Dispatch.Contracts.Sip;
using Dispatch.Silo.Realtime;
using Dispatch.Silo.Storage;
using Dispatch.Silo.Sip;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Sip;

/// <summary>Issue 4: a registered SIP phone is a live device of its worker, until it un-registers or its binding expires.</summary>
public sealed class SipPresenceTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    private readonly string _data = Directory.CreateTempSubdirectory("dispatch-sip-presence-").FullName;
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseDispatchSqliteStorage(_data).AddDispatchRealtime();
            silo.Services.Configure<RealtimeOptions>(o =>
            {
                o.PresenceGrace = Grace;
                o.GatewayRefresh = TimeSpan.FromSeconds(2);
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private static SipBinding Binding(string device, TimeSpan lifetime) =>
        new($"<sip:{device}@192.0.2.9:5060>", device, "call-" + device, 1, DateTimeOffset.UtcNow + lifetime, "SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK1");

    private async Task<PresenceStatus> StatusAfter(string worker, PresenceStatus wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await Grains.GetGrain<IPresenceGrain>(worker).GetStatus();
            if (status == wanted || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_registered_phone_makes_its_worker_online_and_un_registering_it_makes_the_worker_offline_after_the_grace()
    {
        var bindings = Grains.GetGrain<ISipBindingsGrain>("sip-presence-w1");

        await bindings.Replace(0, [Binding("desk-1", TimeSpan.FromHours(1))]);
        var online = await Grains.GetGrain<IPresenceGrain>("sip-presence-w1").GetStatus();
        await bindings.Replace(1, []);

        Assert.Equal(PresenceStatus.Online, online);
        Assert.Equal(PresenceStatus.Offline, await StatusAfter("sip-presence-w1", PresenceStatus.Offline, Grace + TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_phone_stays_online_past_the_presence_lease_while_its_binding_lives_and_goes_offline_when_it_expires()
    {
        var bindings = Grains.GetGrain<ISipBindingsGrain>("sip-presence-w2");

        await bindings.Replace(0, [Binding("desk-1", TimeSpan.FromSeconds(14))]);
        // The presence lease is 3 refresh periods (6 s; swept every 2 s, then 1 s of grace): without the bindings
        // grain's re-announcements the worker would be offline by about 9 s.
        await Task.Delay(TimeSpan.FromSeconds(11));
        var beforeExpiry = await Grains.GetGrain<IPresenceGrain>("sip-presence-w2").GetStatus();

        Assert.Equal(PresenceStatus.Online, beforeExpiry);
        Assert.Equal(PresenceStatus.Offline, await StatusAfter("sip-presence-w2", PresenceStatus.Offline, TimeSpan.FromSeconds(3) + Grace + TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Removing_one_of_two_phones_keeps_the_worker_online()
    {
        var bindings = Grains.GetGrain<ISipBindingsGrain>("sip-presence-w3");

        await bindings.Replace(0, [Binding("desk-1", TimeSpan.FromHours(1)), Binding("soft-1", TimeSpan.FromHours(1))]);
        await bindings.Replace(1, [Binding("soft-1", TimeSpan.FromHours(1))]);

        Assert.Equal(PresenceStatus.Online, await StatusAfter("sip-presence-w3", PresenceStatus.Offline, Grace + TimeSpan.FromSeconds(2)));
    }

    /// <summary>
    /// The single node's registrar writes the row itself and calls the grain only when a device appears or goes: a
    /// refresh (a later expiry) reaches the grain only through the row, so its expiry check must read the row first.
    /// </summary>
    [Fact]
    public async Task A_refresh_written_only_to_the_row_keeps_the_phone_online_past_the_expiry_the_grain_was_told()
    {
        const string Worker = "sip-presence-w4";
        var storage = _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var rows = new SipBindingRows(storage, TimeProvider.System);
        var id = Grains.GetGrain<ISipBindingsGrain>(Worker).GetGrainId();

        var first = await rows.CompareAndSet(id, 0, [Binding("desk-1", TimeSpan.FromSeconds(3))]);
        await Grains.GetGrain<ISipBindingsGrain>(Worker).Reload();
        var refresh = await rows.CompareAndSet(id, first.Current.Version, [Binding("desk-1", TimeSpan.FromHours(1))]);
        // Past the first expiry, its 1 s check margin, and the presence grace.
        await Task.Delay(TimeSpan.FromSeconds(3) + TimeSpan.FromSeconds(1) + Grace + TimeSpan.FromSeconds(2));

        Assert.True(first.Applied && refresh.Applied);
        Assert.Equal(PresenceStatus.Online, await Grains.GetGrain<IPresenceGrain>(Worker).GetStatus());
        var left = (await Grains.GetGrain<ISipBindingsGrain>(Worker).Get()).Bindings.Single().Expires - DateTimeOffset.UtcNow;
        Assert.InRange(left, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task A_write_to_the_row_against_a_stale_version_is_refused_and_returns_the_stored_set()
    {
        const string Worker = "sip-presence-w5";
        var storage = _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var rows = new SipBindingRows(storage, TimeProvider.System);
        var grain = Grains.GetGrain<ISipBindingsGrain>(Worker);

        var throughGrain = await grain.Replace(0, [Binding("desk-1", TimeSpan.FromHours(1))]);
        var direct = await rows.CompareAndSet(grain.GetGrainId(), 1, [Binding("desk-1", TimeSpan.FromHours(1)), Binding("soft-1", TimeSpan.FromHours(1))]);
        var staleGrainWrite = await grain.Replace(1, []);
        var staleDirect = await rows.CompareAndSet(grain.GetGrainId(), 0, []);

        Assert.True(throughGrain.Applied && direct.Applied);
        Assert.Equal(2, direct.Current.Version);
        Assert.False(staleGrainWrite.Applied);
        Assert.Equal(["desk-1", "soft-1"], staleGrainWrite.Current.Bindings.Select(b => b.DeviceId));
        Assert.False(staleDirect.Applied);
        Assert.Equal(2, staleDirect.Current.Version);
    }
}
