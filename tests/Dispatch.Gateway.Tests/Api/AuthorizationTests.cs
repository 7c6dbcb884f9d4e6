using System.Net;
using System.Net.Http.Json;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Api;

[Collection(DemoCountyCollection.Name)]
public sealed class AuthorizationTests(DemoCountyFixture demo)
{
    private static readonly string TownA = DemoFacts.TownCode(1);
    private static readonly string TownB = DemoFacts.TownCode(2);

    [Theory]
    [InlineData("/api/units/370983")]
    [InlineData("/api/units/370983/counts")]
    [InlineData("/api/workers/W000001")]
    [InlineData("/api/auth/me")]
    public async Task No_token_gets_401(string path)
    {
        var response = await demo.App.CreateClient().GetAsync(path);

        await Problem.Expect(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_password_gets_401()
    {
        var response = await demo.App.CreateClient().PostAsJsonAsync("/api/auth/login", new { login = "dispatcher", password = "wrong-password" });

        await Problem.Expect(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_town_dispatcher_gets_403_on_another_towns_units()
    {
        var client = await demo.App.ClientFor("dispatcher.t01", DemoCountyFixture.Password);
        var gridOfB = DemoFacts.Below(TownB, OrgLevel.Grid).First().Code;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/units/{TownA}")).StatusCode);
        await Problem.Expect(await client.GetAsync($"/api/units/{TownB}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await client.GetAsync($"/api/units/{gridOfB}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await client.GetAsync($"/api/units/{TownB}/workers"), HttpStatusCode.Forbidden);
        await Problem.Expect(await client.GetAsync("/api/units/370983"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_town_dispatcher_gets_403_on_another_towns_workers_and_cannot_change_them()
    {
        var client = await demo.App.ClientFor("dispatcher.t01", DemoCountyFixture.Password);
        var ownWorker = DemoFacts.WorkerUnder(TownA, WorkerRole.FullTimeGridWorker);
        var otherWorker = DemoFacts.WorkerUnder(TownB, WorkerRole.FullTimeGridWorker);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/workers/{ownWorker.Id}")).StatusCode);
        await Problem.Expect(await client.GetAsync($"/api/workers/{otherWorker.Id}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await client.PutAsJsonAsync($"/api/workers/{otherWorker.Id}/duty", new { onDuty = !otherWorker.OnDuty }), HttpStatusCode.Forbidden);

        var admin = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        var unchanged = await admin.GetFromJsonAsync<WorkerBody>($"/api/workers/{otherWorker.Id}");
        Assert.Equal(otherWorker.OnDuty, unchanged!.OnDuty);
    }

    [Fact]
    public async Task A_worker_reads_only_its_own_units_and_itself()
    {
        var worker = DemoFacts.WorkerUnder(TownA, WorkerRole.GridChief);
        var client = await demo.App.ClientFor(worker.Phone, DemoCountyFixture.Password);
        var ownGrid = worker.Assignments[0].UnitCode;
        var otherGrid = DemoFacts.Below(TownA, OrgLevel.Grid).First(g => g.Code != ownGrid).Code;
        var colleague = DemoFacts.Snapshot.Workers.First(w => w.Id != worker.Id);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/units/{ownGrid}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/workers/{worker.Id}")).StatusCode);
        await Problem.Expect(await client.GetAsync($"/api/units/{otherGrid}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await client.GetAsync($"/api/units/{TownA}"), HttpStatusCode.Forbidden);
        await Problem.Expect(await client.GetAsync($"/api/workers/{colleague.Id}"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_worker_may_set_its_own_duty_but_not_add_workers()
    {
        var worker = DemoFacts.WorkerUnder(DemoFacts.TownCode(7), WorkerRole.PartTimeGridWorker);
        var client = await demo.App.ClientFor(worker.Phone, DemoCountyFixture.Password);

        var duty = await client.PutAsJsonAsync($"/api/workers/{worker.Id}/duty", new { onDuty = !worker.OnDuty });
        var create = await client.PostAsJsonAsync("/api/workers", new
        {
            name = "张三", phone = "13900000001", assignments = new[] { new { unitCode = worker.Assignments[0].UnitCode, role = "volunteer" } },
        });

        Assert.Equal(HttpStatusCode.OK, duty.StatusCode);
        Assert.Equal(!worker.OnDuty, (await duty.Content.ReadFromJsonAsync<WorkerBody>())!.OnDuty);
        await Problem.Expect(create, HttpStatusCode.Forbidden);
    }

    private sealed record WorkerBody(string Id, bool OnDuty);
}
