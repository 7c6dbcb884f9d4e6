using Dispatch.Media.WebRtc.Dtls;
using Org.BouncyCastle.Tls;
using Xunit.Abstractions;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

public sealed class DtlsHandshakeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Server_and_client_in_memory_export_the_same_keying_material()
    {
        var (server, client) = DtlsPair.Create();
        var pipe = new DatagramPipe(server, client);

        client.Start();
        await pipe.RunUntilSettledAsync(Patience);

        var onServer = Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfA));
        var onClient = Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfB));
        Assert.Equal(DtlsSrtpProfile.AesCm128HmacSha1_80, onServer.Keys.Profile);
        AssertSameKeys(onServer.Keys, onClient.Keys);
        Assert.Equal(16, onServer.Keys.ClientWriteKey.Length);
        Assert.Equal(14, onServer.Keys.ServerWriteSalt.Length);
        Assert.NotEqual(onServer.Keys.ClientWriteKey, onServer.Keys.ServerWriteKey);
        Assert.Equal(DtlsPair.ClientCertificate.Fingerprint, onServer.PeerFingerprint);
        Assert.Equal(DtlsPair.ServerCertificate.Fingerprint, onClient.PeerFingerprint);
        Assert.Equal(DtlsEndpointState.Connected, server.State);
        Assert.Equal(DtlsEndpointState.Connected, client.State);
        output.WriteLine($"handshake: server {onServer.Elapsed.TotalMilliseconds:0} ms, client {onClient.Elapsed.TotalMilliseconds:0} ms, {pipe.Carried} datagrams");
    }

    [Fact]
    public async Task Server_certificate_request_lists_ecdsa_sign()
    {
        var (server, client) = DtlsPair.Create();
        var pipe = new DatagramPipe(server, client);

        client.Start();
        await pipe.RunUntilSettledAsync(Patience);

        Assert.NotNull(client.RequestedCertificateTypes);
        Assert.Contains(ClientCertificateType.ecdsa_sign, client.RequestedCertificateTypes);
    }

    [Theory]
    [InlineData(1, 1200)]
    [InlineData(2, 1200)]
    [InlineData(3, 1200)]
    [InlineData(4, 250)] // small datagrams: the Certificate travels in fragments (RFC 6347 §4.2.3)
    [InlineData(5, 250)]
    public async Task Handshake_completes_through_a_pipe_that_drops_a_fifth_and_reorders(int seed, int maxDatagramSize)
    {
        var options = DtlsPair.Fast with { MaxDatagramSize = maxDatagramSize };
        var (server, client) = DtlsPair.Create(serverOptions: options, clientOptions: options);
        var pipe = new DatagramPipe(server, client, lossRate: 0.2, reorderRate: 0.15, seed: seed);
        var firstFlightLost = false;
        // Besides the random loss, always lose the server's first flight once, so that every seed retransmits.
        pipe.DropWhen = (from, _) => from == server && !firstFlightLost && (firstFlightLost = true);

        client.Start();
        await pipe.RunUntilSettledAsync(Patience);

        output.WriteLine($"seed {seed}, datagrams up to {maxDatagramSize} bytes: carried {pipe.Carried}, dropped {pipe.Dropped}, reordered {pipe.Reordered}");
        var onServer = Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfA));
        var onClient = Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfB));
        AssertSameKeys(onServer.Keys, onClient.Keys);
        Assert.True(firstFlightLost);
        output.WriteLine($"handshake took {onClient.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Client_rejects_a_server_whose_certificate_does_not_match_the_sdp_fingerprint()
    {
        var stranger = DtlsCertificate.Generate();
        var (server, client) = DtlsPair.Create(clientExpects: stranger.Fingerprint);
        var pipe = new DatagramPipe(server, client);

        client.Start();
        await pipe.RunUntilSettledAsync(Patience);

        var failed = Assert.IsType<DtlsFailed>(Assert.Single(pipe.EventsOfB));
        Assert.Contains("does not match the SDP fingerprint", failed.Reason);
        Assert.Contains(stranger.Fingerprint.ToSdpValue(), failed.Reason);
        Assert.IsType<DtlsFailed>(Assert.Single(pipe.EventsOfA));
        Assert.Equal(DtlsEndpointState.Failed, client.State);
    }

    [Fact]
    public async Task Server_rejects_a_client_whose_certificate_does_not_match_the_sdp_fingerprint()
    {
        var stranger = DtlsCertificate.Generate();
        var (server, client) = DtlsPair.Create(serverExpects: stranger.Fingerprint);
        var pipe = new DatagramPipe(server, client);

        client.Start();
        await pipe.RunUntilSettledAsync(Patience);

        var failed = Assert.IsType<DtlsFailed>(Assert.Single(pipe.EventsOfA));
        Assert.Contains("does not match the SDP fingerprint", failed.Reason);
        Assert.IsType<DtlsFailed>(Assert.Single(pipe.EventsOfB));
    }

    [Fact]
    public async Task Handshake_times_out_with_retransmissions_when_the_peer_never_answers()
    {
        var options = DtlsPair.Fast with { HandshakeTimeout = TimeSpan.FromSeconds(1) };
        var client = DtlsEndpoint.CreateClient(DtlsPair.ClientCertificate, DtlsPair.ServerCertificate.Fingerprint, options);
        var settled = new TaskCompletionSource();
        client.OutputAvailable += c =>
        {
            if (c.State == DtlsEndpointState.Failed)
            {
                settled.TrySetResult();
            }
        };

        client.Start();
        await settled.Task.WaitAsync(Patience);

        var sent = 0;
        while (client.TryPollDatagram(out _))
        {
            sent++;
        }
        Assert.True(sent >= 3, $"expected the ClientHello and at least two retransmissions, saw {sent}");
        Assert.True(client.TryPollEvent(out var dtlsEvent));
        Assert.Contains("did not finish within 1 s", Assert.IsType<DtlsFailed>(dtlsEvent).Reason);
    }

    internal static void AssertSameKeys(SrtpKeyingMaterial a, SrtpKeyingMaterial b)
    {
        Assert.Equal(a.Profile, b.Profile);
        Assert.Equal(a.ClientWriteKey, b.ClientWriteKey);
        Assert.Equal(a.ServerWriteKey, b.ServerWriteKey);
        Assert.Equal(a.ClientWriteSalt, b.ClientWriteSalt);
        Assert.Equal(a.ServerWriteSalt, b.ServerWriteSalt);
    }
}
