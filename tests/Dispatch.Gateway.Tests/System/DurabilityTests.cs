using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.System;

/// <summary>What the API acknowledged survives SIGKILL of the single-node process.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("dispatch-durable-").FullName;

    [Fact]
    public async Task A_new_worker_and_a_duty_change_survive_sigkill_and_restart()
    {
        string[] settings = ["--Dispatch:DemoData=false", $"--Dispatch:SiloPort={FreePort.Next()}", $"--Dispatch:GatewayPort={FreePort.Next()}"];
        await using (var first = GatewayProcess.Start(_data, settings))
        {
            await first.WaitUntilReady(TimeSpan.FromSeconds(60));
            var admin = await first.ClientFor("admin", DispatchAppFactory.AdminPassword);
            (await admin.PutAsJsonAsync("/api/units/C1", new { name = "测试市", level = "city" })).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync("/api/units/C1-T1", new { name = "测试镇", level = "town", parentCode = "C1" })).EnsureSuccessStatusCode();
            var created = await admin.PostAsJsonAsync("/api/workers", new
            {
                id = "W-durable", name = "周八", phone = "13911112222", onDuty = false, password = "durable-pass",
                assignments = new[] { new { unitCode = "C1-T1", role = "full_time_grid_worker" } },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            (await admin.PutAsJsonAsync("/api/workers/W-durable/duty", new { onDuty = true })).EnsureSuccessStatusCode();

            first.Kill();
        }

        await using var second = GatewayProcess.Start(_data, settings);
        await second.WaitUntilReady(TimeSpan.FromSeconds(60));
        var again = await second.ClientFor("admin", DispatchAppFactory.AdminPassword);
        var worker = await again.GetFromJsonAsync<JsonElement>("/api/workers/W-durable");
        var town = await again.GetFromJsonAsync<JsonElement>("/api/units/C1-T1");
        var onDuty = await again.GetFromJsonAsync<JsonElement>("/api/units/C1/workers?onDuty=true");
        var ownLogin = await second.ClientFor("13911112222", "durable-pass");

        Assert.Equal("周八", worker.GetProperty("name").GetString());
        Assert.True(worker.GetProperty("onDuty").GetBoolean());
        Assert.Contains(town.GetProperty("members").EnumerateArray(), m => m.GetProperty("workerId").GetString() == "W-durable" && m.GetProperty("onDuty").GetBoolean());
        Assert.Equal(1, onDuty.GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await ownLogin.GetAsync("/api/workers/W-durable")).StatusCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
