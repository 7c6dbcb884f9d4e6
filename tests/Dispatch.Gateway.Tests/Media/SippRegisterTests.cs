using System.Net;
using System.Net.Http.Json;
using Dispatch.Gateway.Api;
using Dispatch.Gateway.Media;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Silo.Grid.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Gateway.Tests.Media;

/// <summary>
/// Issue 4: a real sipp registers demo workers' desk phones with a digest challenge against the gateway's
/// registrar, over UDP on 127.0.0.1, and the bindings show up in the REST API.
/// </summary>
public sealed class SippRegisterTests(SippRegisterTests.SipDemoFixture demo) : IClassFixture<SippRegisterTests.SipDemoFixture>
{
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The first demo workers with a desk phone: worker id, SIP username, demo password.</summary>
    private static IEnumerable<(string WorkerId, string Username, string Password)> DemoPhones(int skip, int count) =>
        DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).Skip(skip).Take(count)
            .Select(kv => (kv.Key, kv.Value.Single().Username, DemoSipDevices.DemoSipPassword(kv.Key)));

    private static string InjectionLine(string username, string password) =>
        $"{username};[authentication username={username} password={password}]";

    [Fact]
    public async Task Sipp_registers_demo_desk_phones_with_a_digest_challenge_and_no_failed_calls()
    {
        var phones = DemoPhones(0, 3).ToList();

        var result = await Sipp.Run("register-digest.xml", demo.SipEndPoint, phones.Select(p => InjectionLine(p.Username, p.Password)).ToList(), calls: 6, SippTimeout);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal((6L, 0L), (result.Successful, result.Failed));
        var admin = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        foreach (var phone in phones)
        {
            var bindings = await admin.GetFromJsonAsync<SipBindingResponse[]>($"/api/workers/{phone.WorkerId}/sip-bindings");
            var binding = Assert.Single(bindings!);
            Assert.StartsWith($"<sip:{phone.Username}@127.0.0.1:", binding.Contact);
            Assert.Equal("desk-1", binding.DeviceId);
            Assert.InRange(binding.ExpiresIn, 3500, 3600);
        }
    }

    [Fact]
    public async Task Sipp_with_a_wrong_password_gets_403_and_leaves_no_binding()
    {
        var phone = DemoPhones(10, 1).Single();

        var result = await Sipp.Run("register-wrong-password.xml", demo.SipEndPoint, [InjectionLine(phone.Username, "not-the-password")], calls: 1, SippTimeout);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal((1L, 0L), (result.Successful, result.Failed));
        var admin = await demo.App.ClientFor("admin", DemoCountyFixture.Password);
        Assert.Empty((await admin.GetFromJsonAsync<SipBindingResponse[]>($"/api/workers/{phone.WorkerId}/sip-bindings"))!);
    }

    [Fact]
    public async Task Sip_bindings_are_not_shown_to_a_worker_login()
    {
        var phone = DemoPhones(0, 1).Single();
        var worker = await demo.App.ClientFor(phone.Username, DemoCountyFixture.Password);

        var response = await worker.GetAsync($"/api/workers/{phone.WorkerId}/sip-bindings");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The demo county with SIP on a free UDP/TCP port.</summary>
    public sealed class SipDemoFixture : IAsyncLifetime
    {
        // sipp 3.6.1 answers only the first challenge and only knows MD5.
        public DispatchAppFactory App { get; } = new SipDemoFactory("MD5,SHA-256");

        public IPEndPoint SipEndPoint => App.Services.GetServices<IHostedService>().OfType<SipListenerService>().Single().UdpEndPoint!;

        public Task InitializeAsync()
        {
            Assert.True(File.Exists(Sipp.Binary), $"{Sipp.Binary} is missing: run build/ensure-tools.sh test (Debian package sip-tester).");
            return App.WaitUntilReady(TimeSpan.FromMinutes(3));
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}
