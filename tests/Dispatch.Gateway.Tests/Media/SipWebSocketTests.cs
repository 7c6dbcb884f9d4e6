using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Dispatch.Contracts.Sip;
using Dispatch.Gateway.Api;
using Dispatch.Gateway.Media;
using Dispatch.Gateway.Tests.Support;
using Dispatch.Media.Sip.Transport;
using Dispatch.Silo.Grid.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Gateway.Tests.Media;

/// <summary>
/// Issue 4, SIP over WebSocket (RFC 7118) on the gateway's real HTTP port (Kestrel): a real WebSocket client
/// (.NET's ClientWebSocket, speaking SIP text itself) registers a demo worker with a digest it computes on its own.
/// </summary>
public sealed class SipWebSocketTests(SipWebSocketTests.KestrelSipFixture gateway) : IClassFixture<SipWebSocketTests.KestrelSipFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static (string WorkerId, string Username, string Password) DemoPhone(int index) =>
        DemoFacts.Snapshot.SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal).Skip(index)
            .Select(kv => (kv.Key, kv.Value.Single().Username, DemoSipDevices.DemoSipPassword(kv.Key))).First();

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("sip");
        await socket.ConnectAsync(new Uri(gateway.WebSocketUri, "/sip"), CancellationToken.None);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>One WebSocket message: RFC 7118 §5.1 puts exactly one SIP message in each.</summary>
    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, filled, buffer.Length - filled), timeout.Token);
            filled += result.Count;
        }
        while (!result.EndOfMessage);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return Encoding.UTF8.GetString(buffer, 0, filled);
    }

    /// <summary>REGISTER, 401, REGISTER with the answer computed from RFC 7616; returns the final response.</summary>
    private static async Task<string> RegisterAsync(ClientWebSocket socket, (string WorkerId, string Username, string Password) phone,
        string algorithm, string callId, int expires = 600)
    {
        const string Via = "WS df7jal23ls0d.invalid";
        var contact = $"<sip:{phone.Username}@df7jal23ls0d.invalid;transport=ws>";
        await SendAsync(socket, SipText.Register("dispatch.test", phone.Username, Via, contact, callId, 1, expires));
        var challenge = await ReceiveAsync(socket);
        Assert.Equal(401, SipText.StatusCode(challenge));
        var offered = IndependentDigest.ChallengesIn(challenge).Single(c => c.Algorithm == algorithm);
        var authorization = IndependentDigest.Authorization(offered, phone.Username, phone.Password, "REGISTER", "sip:dispatch.test");
        await SendAsync(socket, SipText.Register("dispatch.test", phone.Username, Via, contact, callId, 2, expires, authorization));
        return await ReceiveAsync(socket);
    }

    private async Task<SipBindingResponse[]> BindingsOf(string workerId)
    {
        var admin = await gateway.App.ClientFor("admin", DemoCountyFixture.Password);
        return (await admin.GetFromJsonAsync<SipBindingResponse[]>($"/api/workers/{workerId}/sip-bindings"))!;
    }

    [Theory]
    [InlineData("SHA-256", 0)]
    [InlineData("MD5", 1)]
    public async Task A_websocket_client_registers_with_digest_and_the_binding_keeps_its_flow(string algorithm, int phoneIndex)
    {
        var phone = DemoPhone(phoneIndex);
        using var socket = await ConnectAsync();

        var ok = await RegisterAsync(socket, phone, algorithm, $"ws-{algorithm}");

        Assert.Equal("sip", socket.SubProtocol);
        Assert.Equal(200, SipText.StatusCode(ok));
        var via = SipText.Header(ok, "Via")!;
        Assert.StartsWith("SIP/2.0/WS df7jal23ls0d.invalid", via);
        Assert.Contains("received=127.0.0.1", via);
        Assert.Matches(@";rport=\d+", via);
        Assert.Contains($"<sip:{phone.Username}@df7jal23ls0d.invalid;transport=ws>;expires=", SipText.Header(ok, "Contact"));
        var binding = Assert.Single(await BindingsOf(phone.WorkerId));
        Assert.True(SipFlow.TryRead(binding.Source, out var flow), binding.Source);
        Assert.Equal("WS", flow.Transport);
        Assert.Equal(IPAddress.Loopback, flow.Remote.Address);
    }

    [Fact]
    public async Task A_request_for_a_websocket_binding_goes_back_over_the_same_connection()
    {
        var phone = DemoPhone(2);
        using var socket = await ConnectAsync();
        Assert.Equal(200, SipText.StatusCode(await RegisterAsync(socket, phone, "SHA-256", "ws-route")));
        var stored = (await gateway.App.Services.GetRequiredService<IClusterClient>().GetGrain<ISipBindingsGrain>(phone.WorkerId).Get()).Bindings.Single();
        var options = "OPTIONS sip:phone@df7jal23ls0d.invalid;transport=ws SIP/2.0\r\nVia: SIP/2.0/WS dispatch.test;branch=z9hG4bK-back-1\r\n" +
                      "Max-Forwards: 70\r\nFrom: <sip:dispatch@dispatch.test>;tag=s1\r\nTo: <sip:phone@dispatch.test>\r\n" +
                      "Call-ID: back-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

        var sent = gateway.Sip.TrySendToBinding(stored, Encoding.UTF8.GetBytes(options));

        Assert.True(sent, stored.Source);
        Assert.Equal(options, await ReceiveAsync(socket));
    }

    [Fact]
    public async Task A_double_crlf_ping_over_the_websocket_gets_a_single_crlf_pong()
    {
        using var socket = await ConnectAsync();

        await SendAsync(socket, "\r\n\r\n");

        Assert.Equal("\r\n", await ReceiveAsync(socket));
    }

    [Fact]
    public async Task A_websocket_handshake_without_the_sip_subprotocol_is_refused_with_a_problem_naming_it()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(gateway.WebSocketUri, "/sip"), CancellationToken.None));
        using var http = new HttpClient { BaseAddress = gateway.HttpUri };
        var plain = await http.GetAsync("/sip");

        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("application/problem+json", plain.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sec-WebSocket-Protocol: sip", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unparseable_websocket_message_gets_400_naming_the_fault_and_the_connection_stays_usable()
    {
        var phone = DemoPhone(3);
        using var socket = await ConnectAsync();

        await SendAsync(socket, "REGISTER sip:dispatch.test SIP/2.0\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bK-bad\r\nCSeq: one REGISTER\r\n" +
                                "From: <sip:a@dispatch.test>;tag=1\r\nTo: <sip:a@dispatch.test>\r\nCall-ID: bad-1\r\nMax-Forwards: 70\r\n\r\n");
        var rejected = await ReceiveAsync(socket);

        Assert.Equal(400, SipText.StatusCode(rejected));
        Assert.Contains("CSeq", rejected.Split("\r\n")[0]);
        Assert.Equal(200, SipText.StatusCode(await RegisterAsync(socket, phone, "MD5", "ws-after-bad")));
    }

    /// <summary>The demo county with SIP on, served by Kestrel on a real loopback port (WebSockets need a real socket).</summary>
    public sealed class KestrelSipFixture : IAsyncLifetime
    {
        public DispatchAppFactory App { get; } = new SipDemoFactory();

        public Uri HttpUri { get; private set; } = null!;

        public Uri WebSocketUri => new UriBuilder(HttpUri) { Scheme = "ws" }.Uri;

        public SipListenerService Sip => App.Services.GetServices<IHostedService>().OfType<SipListenerService>().Single();

        public async Task InitializeAsync()
        {
            App.UseKestrel(0);
            App.StartServer();
            var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            HttpUri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
            await WaitUntilReady(TimeSpan.FromMinutes(5));
        }

        /// <summary>
        /// Polls /healthz over the real socket. Each try has its own short timeout and a failed try is retried: under
        /// load (several demo counties loading at once) one request can stall for longer than the whole deadline.
        /// </summary>
        private async Task WaitUntilReady(TimeSpan timeout)
        {
            using var http = new HttpClient { BaseAddress = HttpUri, Timeout = TimeSpan.FromSeconds(20) };
            var deadline = DateTime.UtcNow + timeout;
            var last = "no answer";
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    var response = await http.GetAsync("/healthz");
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                    last = await response.Content.ReadAsStringAsync();
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    last = e.Message;
                }
                await Task.Delay(200);
            }
            throw new TimeoutException($"Gateway on {HttpUri} not ready after {timeout}: {last}");
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}
