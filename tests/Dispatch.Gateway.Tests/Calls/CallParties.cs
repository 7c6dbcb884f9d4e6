using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Realtime;
using Dispatch.Gateway.Tests.Support;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>Demo people for call tests: town NN's dispatcher, and a grid worker of that town. One town per test.</summary>
internal static class CallParties
{
    /// <summary>A browser's offer as far as signalling cares (longer than short hub arguments may be); the fake plane answers any SDP.</summary>
    public const string Offer = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-mux\r\n"
        + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\na=rtcp-mux\r\n";

    public static string Dispatcher(int town) => $"dispatcher.t{town:D2}";

    public static WorkerDefinition Worker(int town) => DemoFacts.WorkerUnder(DemoFacts.TownCode(town), WorkerRole.FullTimeGridWorker);

    public static async Task<DispatchClient> Connected(CallAppFactory app, string login, string deviceId)
    {
        var client = await HubClients.LoggedIn(app, login, deviceId);
        await client.ConnectAsync();
        return client;
    }
}
