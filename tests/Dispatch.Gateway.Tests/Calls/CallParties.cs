using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Realtime;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>Demo people for call tests: town NN's dispatcher, and a grid worker of that town. One town per test.</summary>
internal static class CallParties
{
    /// <summary>A browser's offer as far as signalling cares: the fake media plane answers any SDP.</summary>
    public const string Offer = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    public static string Dispatcher(int town) => $"dispatcher.t{town:D2}";

    public static WorkerDefinition Worker(int town) => DemoFacts.WorkerUnder(DemoFacts.TownCode(town), WorkerRole.FullTimeGridWorker);

    public static async Task<DispatchClient> Connected(CallAppFactory app, string login, string deviceId)
    {
        var client = await HubClients.LoggedIn(app, login, deviceId);
        await client.ConnectAsync();
        return client;
    }
}
