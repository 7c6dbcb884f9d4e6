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

    /// <summary>
    /// Issue 4: the registrar answers 200 only for bindings that survive a restart. On the single node it writes the
    /// bindings' row itself (no grain call), and the refresh here changes nothing but expiry and CSeq, which is the write
    /// that skips the bindings grain entirely.
    /// </summary>
    [Fact]
    public async Task A_sip_registration_and_its_refresh_survive_sigkill_and_restart()
    {
        var sipPort = FreePort.Next();
        string[] settings = ["--Dispatch:DemoData=false", $"--Dispatch:SiloPort={FreePort.Next()}", $"--Dispatch:GatewayPort={FreePort.Next()}",
            "--Dispatch:Sip:Enabled=true", $"--Dispatch:Sip:Port={sipPort}"];
        string refreshed;
        await using (var first = GatewayProcess.Start(_data, settings))
        {
            await first.WaitUntilReady(TimeSpan.FromSeconds(60));
            var admin = await first.ClientFor("admin", DispatchAppFactory.AdminPassword);
            (await admin.PutAsJsonAsync("/api/units/C1", new { name = "测试市", level = "city" })).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync("/api/workers", new
            {
                id = "W-sip", name = "吴九", phone = "13911113333", onDuty = true, password = "durable-pass",
                assignments = new[] { new { unitCode = "C1", role = "full_time_grid_worker" } },
            })).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync("/api/workers/W-sip/sip-devices",
                new[] { new { deviceId = "desk-1", username = "w-sip-desk", password = "sip-pass-123" } })).EnsureSuccessStatusCode();
            using var phone = new UdpSipPhone(new IPEndPoint(IPAddress.Loopback, sipPort), "w-sip-desk", "sip-pass-123");

            Assert.Equal(200, SipText.StatusCode(await phone.Register("durable-sip", 1, 120)));
            refreshed = await phone.Register("durable-sip", 3, 3600);

            first.Kill();
        }

        await using var second = GatewayProcess.Start(_data, settings);
        await second.WaitUntilReady(TimeSpan.FromSeconds(60));
        var again = await second.ClientFor("admin", DispatchAppFactory.AdminPassword);
        var bindings = await again.GetFromJsonAsync<JsonElement>("/api/workers/W-sip/sip-bindings");

        Assert.Equal(200, SipText.StatusCode(refreshed));
        Assert.Contains(";expires=3600", SipText.Header(refreshed, "Contact"));
        var binding = Assert.Single(bindings.EnumerateArray());
        Assert.Equal("desk-1", binding.GetProperty("deviceId").GetString());
        // 120 s if only the first REGISTER had been kept.
        Assert.InRange(binding.GetProperty("expiresIn").GetInt32(), 3000, 3600);
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
