using Dispatch.Gateway.Media;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Media.Sip.Calls;
using Dispatch.Silo.Grid.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Gateway.Tests.Media;

/// <summary>
/// Issue 4: a sipp UAS is a demo worker's desk phone, registered with digest credentials; a sipp UAC calls the
/// worker's number and the call goes through the gateway's B2BUA. Each test uses its own demo worker.
/// </summary>
public sealed class SippCallTests(SippRegisterTests.SipDemoFixture demo) : IClassFixture<SippRegisterTests.SipDemoFixture>
{
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A demo worker with a desk phone: SIP username (= its number) and demo password.</summary>
    private static (string Username, string Password) DemoPhone(int index)
    {
        var (workerId, devices) = DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).ElementAt(index);
        return (devices.Single().Username, DemoSipDevices.DemoSipPassword(workerId));
    }

    /// <summary>Starts the phone (sipp UAS), registers it with digest, then runs the caller (sipp UAC); returns both results.</summary>
    private async Task<(Sipp.Result Phone, Sipp.Result Caller)> Call(int demoIndex, string phoneScenario, string callerScenario)
    {
        var (username, password) = DemoPhone(demoIndex);
        var phonePort = FreePort.NextUdp();
        var phone = Sipp.StartUas(phoneScenario, phonePort, calls: 1, SippTimeout);
        var registration = await Sipp.Run("register-phone.xml", demo.SipEndPoint,
            [$"{username};[authentication username={username} password={password}];{phonePort}"], calls: 1, SippTimeout);
        Assert.True((registration.ExitCode, registration.Failed) == (0, 0), registration.Output);

        var caller = await Sipp.Run(callerScenario, demo.SipEndPoint, [username], calls: 1, SippTimeout);
        return (await phone, caller);
    }

    private IReadOnlyList<SipCallEvent> ServerSide(int demoIndex)
    {
        var calls = demo.App.Services.GetRequiredService<SipCallLog>().ForUser(DemoPhone(demoIndex).Username);
        return Assert.Single(calls);
    }

    [Fact]
    public async Task A_sipp_caller_reaches_a_registered_sipp_phone_through_the_b2bua_invite_180_200_ack_bye()
    {
        var (phone, caller) = await Call(20, "phone-answers-uas.xml", "call-answered-uac.xml");

        Assert.True(caller.ExitCode == 0, "caller: " + caller.Output);
        Assert.True(phone.ExitCode == 0, "phone: " + phone.Output);
        Assert.Equal((1L, 0L), (caller.Successful, caller.Failed));
        Assert.Equal((1L, 0L), (phone.Successful, phone.Failed));
        var steps = ServerSide(20);
        Assert.Equal(
            [SipCallState.Routing, SipCallState.Calling, SipCallState.Ringing, SipCallState.Answered, SipCallState.Confirmed, SipCallState.Ended],
            steps.Select(s => s.State));
        Assert.Equal((200, "the caller hung up"), (steps[^1].StatusCode, steps[^1].Detail));
    }

    [Fact]
    public async Task A_sipp_caller_that_cancels_while_the_phone_rings_gets_487_and_the_phone_gets_a_cancel()
    {
        var (phone, caller) = await Call(21, "phone-rings-cancelled-uas.xml", "call-cancelled-uac.xml");

        Assert.True(caller.ExitCode == 0, "caller: " + caller.Output);
        Assert.True(phone.ExitCode == 0, "phone: " + phone.Output);
        Assert.Equal((1L, 0L), (caller.Successful, caller.Failed));
        Assert.Equal((1L, 0L), (phone.Successful, phone.Failed));
        Assert.Equal((SipCallState.Ended, 487), (ServerSide(21)[^1].State, ServerSide(21)[^1].StatusCode));
    }

    [Fact]
    public async Task A_busy_sipp_phone_gives_the_sipp_caller_486()
    {
        var (phone, caller) = await Call(22, "phone-busy-uas.xml", "call-busy-uac.xml");

        Assert.True(caller.ExitCode == 0, "caller: " + caller.Output);
        Assert.True(phone.ExitCode == 0, "phone: " + phone.Output);
        Assert.Equal((1L, 0L), (caller.Successful, caller.Failed));
        Assert.Equal((1L, 0L), (phone.Successful, phone.Failed));
        Assert.Equal((SipCallState.Ended, 486), (ServerSide(22)[^1].State, ServerSide(22)[^1].StatusCode));
    }
}
