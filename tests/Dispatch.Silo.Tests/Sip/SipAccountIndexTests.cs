using Dispatch.Contracts.Org;
using Dispatch.Contracts.Sip;
using Dispatch.Silo.Grid;
using Dispatch.Silo.Tests.Org;

namespace Dispatch.Silo.Tests.Sip;

/// <summary>WorkerGrain.SetSipDevices keeps the SIP username index (ISipAccountGrain) in line.</summary>
public sealed class SipAccountIndexTests(OrgClusterFixture fixture) : IClassFixture<OrgClusterFixture>
{
    private async Task<IWorkerGrain> NewWorker(string id)
    {
        var unit = fixture.Grains.GetGrain<IOrgUnitGrain>($"{id}-city");
        await unit.Define(new UnitDefinition($"{id}-city", "市", OrgLevel.City, null, null, null, null));
        var worker = fixture.Grains.GetGrain<IWorkerGrain>(id);
        await worker.Define(new WorkerDefinition(id, "某人", "13900000000", [new UnitAssignment($"{id}-city", WorkerRole.Dispatcher)], true));
        return worker;
    }

    private ISipAccountGrain Account(string username) => fixture.Grains.GetGrain<ISipAccountGrain>(username);

    [Fact]
    public async Task Setting_devices_indexes_their_usernames_and_replacing_them_drops_the_old_ones()
    {
        var worker = await NewWorker("sip-w1");
        var desk = DigestHa1.Credential("desk-1", "sip-w1-desk", "pw");
        var soft = DigestHa1.Credential("soft-1", "sip-w1-soft", "pw");

        await worker.SetSipDevices([desk, soft]);
        var indexed = await Account("sip-w1-soft").Get();
        await worker.SetSipDevices([desk]);

        Assert.Equal(new SipAccount("sip-w1", soft), indexed);
        Assert.Equal(new SipAccount("sip-w1", desk), await Account("sip-w1-desk").Get());
        Assert.Null(await Account("sip-w1-soft").Get());
    }

    [Fact]
    public async Task A_username_held_by_another_worker_is_refused_and_nothing_changes()
    {
        var first = await NewWorker("sip-w2");
        var second = await NewWorker("sip-w3");
        await first.SetSipDevices([DigestHa1.Credential("desk-1", "sip-shared", "pw")]);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => second.SetSipDevices([DigestHa1.Credential("desk-1", "sip-shared", "other")]));

        Assert.Contains("sip-shared", refused.Message);
        Assert.Equal("sip-w2", (await Account("sip-shared").Get())!.WorkerId);
        Assert.Empty(await second.GetSipDevices());
    }
}
