using Dispatch.Gateway.Media;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Media.Sip.Calls;
using Dispatch.Silo.Grid.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Dispatch.Gateway.Tests.Calls.CallParties;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>
/// Issue 6: a worker with a registered sipp phone and a web device. Both ring; whichever answers first wins and the
/// other stops ringing (the phone gets a CANCEL; the browser gets callAnsweredElsewhere). The city dispatcher calls.
/// </summary>
public sealed class CallPhoneTests(CallAppFixture fixture) : IClassFixture<CallAppFixture>
{
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(60);

    private CallAppFactory App => fixture.App;

    [Fact]
    public async Task When_the_browser_answers_first_the_ringing_sipp_phone_gets_a_cancel()
    {
        var (worker, username, phone) = await RegisteredPhone(40, "phone-rings-cancelled-uas.xml");
        await using var dispatcher = await Connected(App, "dispatcher", "console-p1");
        await using var web = await Connected(App, worker.Phone, "web-p1");
        var (atDispatcher, atWeb) = (new CallEventsSeen(dispatcher), new CallEventsSeen(web));

        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        await atWeb.Next("callRinging", started.CallId);
        await PhoneIs(username, SipCallState.Ringing);
        await web.AnswerCallAsync(started.CallId, Offer);
        await atDispatcher.Next("callAnswered", started.CallId);
        var phoneResult = await phone;
        await PhoneIs(username, SipCallState.Ended);
        await dispatcher.HangUpAsync(started.CallId);

        Assert.Contains("sip:" + username, started.Call.DevicesRang);
        Assert.Contains("web-p1", started.Call.DevicesRang);
        Assert.True(phoneResult.ExitCode == 0, "phone: " + phoneResult.Output);
        Assert.Equal((1L, 0L), (phoneResult.Successful, phoneResult.Failed));
        Assert.Contains($"sip-offer {started.CallId} phone", App.Media.Of(started.CallId));
        Assert.Contains($"close-leg {started.CallId} phone", App.Media.Of(started.CallId));
        Assert.Equal(487, Log(username)[^1].StatusCode);
    }

    [Fact]
    public async Task When_the_sipp_phone_answers_first_the_browser_is_told_the_call_was_answered_elsewhere()
    {
        var (worker, username, phone) = await RegisteredPhone(41, "phone-answers-uas.xml");
        await using var dispatcher = await Connected(App, "dispatcher", "console-p2");
        await using var web = await Connected(App, worker.Phone, "web-p2");
        var (atDispatcher, atWeb) = (new CallEventsSeen(dispatcher), new CallEventsSeen(web));

        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        var elsewhere = await atWeb.Next("callAnsweredElsewhere", started.CallId);
        var answered = await atDispatcher.Next("callAnswered", started.CallId);
        await dispatcher.HangUpAsync(started.CallId);
        var phoneResult = await phone;

        Assert.Equal("sip:" + username, elsewhere.AnsweredDevice);
        Assert.Equal("sip:" + username, answered.AnsweredDevice);
        Assert.True(phoneResult.ExitCode == 0, "phone (expects the BYE after the dispatcher hangs up): " + phoneResult.Output);
        Assert.Equal((1L, 0L), (phoneResult.Successful, phoneResult.Failed));
        var media = App.Media.Of(started.CallId);
        Assert.Contains($"sip-answer {started.CallId} phone", media);
        Assert.Contains($"join {started.CallId} caller phone", media);
    }

    /// <summary>Starts a sipp phone for demo SIP device <paramref name="index"/> and registers it; returns the worker and the running phone.</summary>
    private async Task<(Dispatch.Contracts.Org.WorkerDefinition Worker, string Username, Task<Sipp.Result> Phone)> RegisteredPhone(int index, string scenario)
    {
        var (workerId, devices) = DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).ElementAt(index);
        var username = devices.Single().Username;
        var port = FreePort.NextUdp();
        var phone = Sipp.StartUas(scenario, port, calls: 1, SippTimeout);
        var registration = await Sipp.Run("register-phone.xml", SipEndPoint,
            [$"{username};[authentication username={username} password={DemoSipDevices.DemoSipPassword(workerId)}];{port}"], calls: 1, SippTimeout);
        Assert.True((registration.ExitCode, registration.Failed) == (0, 0), registration.Output);
        return (DemoFacts.Snapshot.Workers.Single(w => w.Id == workerId), username, phone);
    }

    private global::System.Net.IPEndPoint SipEndPoint => App.Services.GetServices<IHostedService>().OfType<SipListenerService>().Single().UdpEndPoint!;

    private IReadOnlyList<SipCallEvent> Log(string username) => App.Services.GetRequiredService<SipCallLog>().ForUser(username).SingleOrDefault() ?? [];

    private async Task PhoneIs(string username, SipCallState state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!Log(username).Any(e => e.State == state))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The phone call to {username} never reached {state}; steps: {string.Join(", ", Log(username).Select(e => e.State))}");
            }
            await Task.Delay(25);
        }
    }
}
