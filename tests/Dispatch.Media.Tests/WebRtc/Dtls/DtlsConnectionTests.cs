using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

public sealed class DtlsConnectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Application_data_crosses_in_both_directions_after_the_handshake()
    {
        var (server, client) = await ConnectedPairAsync();
        var pipe = new DatagramPipe(server, client);

        Assert.True(client.TrySendApplicationData("ping"u8));
        Assert.True(server.TrySendApplicationData("pong"u8));
        await pipe.RunUntilAsync(e => e is DtlsApplicationDataReceived, Patience);

        Assert.Equal("ping"u8.ToArray(), Assert.IsType<DtlsApplicationDataReceived>(Assert.Single(pipe.EventsOfA)).Data);
        Assert.Equal("pong"u8.ToArray(), Assert.IsType<DtlsApplicationDataReceived>(Assert.Single(pipe.EventsOfB)).Data);
    }

    [Fact]
    public async Task Close_sends_close_notify_and_the_peer_reports_closed_by_peer()
    {
        var (server, client) = await ConnectedPairAsync();
        var pipe = new DatagramPipe(server, client);

        client.Close();
        await pipe.RunUntilAsync(e => e is DtlsClosed, Patience);

        Assert.Equal(new DtlsClosed(ByPeer: false), Assert.Single(pipe.EventsOfB));
        Assert.Equal(new DtlsClosed(ByPeer: true), Assert.Single(pipe.EventsOfA));
        Assert.Equal(DtlsEndpointState.Closed, server.State);
        Assert.False(client.TrySendApplicationData("late"u8));
    }

    [Fact]
    public async Task Closing_during_a_handshake_frees_the_worker_at_once()
    {
        using var workers = new DtlsHandshakeWorkers(1);
        var client = DtlsEndpoint.CreateClient(DtlsPair.ClientCertificate, DtlsPair.ServerCertificate.Fingerprint,
            DtlsPair.Fast with { Workers = workers });

        client.Start();
        await WaitUntilAsync(() => workers.Busy == 1);
        client.Close();
        await WaitUntilAsync(() => workers.Busy == 0);

        Assert.Equal(DtlsEndpointState.Closed, client.State);
    }

    [Fact]
    public async Task Connected_server_resends_its_lost_final_flight_without_holding_a_worker()
    {
        using var serverWorkers = new DtlsHandshakeWorkers(1);
        var (server, client) = DtlsPair.Create(serverOptions: DtlsPair.Fast with { Workers = serverWorkers });
        var pipe = new DatagramPipe(server, client);
        var finishedDropped = false;
        // RFC 6347 §4.2.4: lose the server's final flight (the datagram opening with change_cipher_spec) once.
        pipe.DropWhen = (from, datagram) =>
            from == server && !finishedDropped && datagram[0] == 20 && (finishedDropped = true);

        client.Start();
        await pipe.RunUntilAsync(() => pipe.EventsOfA.Count > 0, Patience);
        Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfA));
        Assert.Empty(pipe.EventsOfB);
        await WaitUntilAsync(() => serverWorkers.Busy == 0);

        await pipe.RunUntilSettledAsync(Patience);

        Assert.True(finishedDropped);
        Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfB));
    }

    [Fact]
    public void Starting_on_disposed_workers_fails_the_endpoint_instead_of_throwing()
    {
        var workers = new DtlsHandshakeWorkers(1);
        workers.Dispose();
        var client = DtlsEndpoint.CreateClient(DtlsPair.ClientCertificate, DtlsPair.ServerCertificate.Fingerprint,
            DtlsPair.Fast with { Workers = workers });

        client.Start();

        Assert.Equal(DtlsEndpointState.Failed, client.State);
        Assert.True(client.TryPollEvent(out var failed));
        Assert.Contains("workers are shut down", Assert.IsType<DtlsFailed>(failed).Reason);
    }

    private static async Task<(DtlsEndpoint Server, DtlsEndpoint Client)> ConnectedPairAsync()
    {
        var (server, client) = DtlsPair.Create();
        var pipe = new DatagramPipe(server, client);
        client.Start();
        await pipe.RunUntilSettledAsync(Patience);
        Assert.Equal(DtlsEndpointState.Connected, server.State);
        Assert.Equal(DtlsEndpointState.Connected, client.State);
        return (server, client);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5);
        }
    }
}
