using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Dtls.Internal;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

public sealed class SrtpProfileNegotiationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Server_takes_the_first_profile_in_the_clients_list_that_it_supports()
    {
        var chosen = SrtpProfileNegotiation.Select(
            [0x0008, (int)DtlsSrtpProfile.AesCm128HmacSha1_32, (int)DtlsSrtpProfile.AesCm128HmacSha1_80],
            [DtlsSrtpProfile.AesCm128HmacSha1_80, DtlsSrtpProfile.AesCm128HmacSha1_32]);

        Assert.Equal(DtlsSrtpProfile.AesCm128HmacSha1_32, chosen);
    }

    [Fact]
    public void No_profile_in_common_selects_nothing()
    {
        Assert.Null(SrtpProfileNegotiation.Select([0x0005], [DtlsSrtpProfile.AesCm128HmacSha1_80]));
    }

    [Fact]
    public async Task Handshake_negotiates_gcm_when_the_client_prefers_it_and_exports_gcm_sized_keys()
    {
        var (server, client) = DtlsPair.Create(
            clientOptions: DtlsPair.Fast with { SrtpProfiles = [DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.AesCm128HmacSha1_80] });
        var pipe = new DatagramPipe(server, client);

        client.Start();
        await pipe.RunUntilSettledAsync(Patience);

        var onServer = Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfA));
        var onClient = Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfB));
        Assert.Equal(DtlsSrtpProfile.AeadAes128Gcm, onClient.Keys.Profile);
        Assert.Equal(12, onClient.Keys.ClientWriteSalt.Length);
        DtlsHandshakeTests.AssertSameKeys(onServer.Keys, onClient.Keys);
    }

    [Fact]
    public async Task Handshake_fails_with_a_clear_reason_when_no_profile_is_shared()
    {
        var (server, client) = DtlsPair.Create(
            serverOptions: DtlsPair.Fast with { SrtpProfiles = [DtlsSrtpProfile.AesCm128HmacSha1_80] },
            clientOptions: DtlsPair.Fast with { SrtpProfiles = [DtlsSrtpProfile.AesCm128HmacSha1_32] });
        var pipe = new DatagramPipe(server, client);

        client.Start();
        await pipe.RunUntilSettledAsync(Patience);

        var failed = Assert.IsType<DtlsFailed>(Assert.Single(pipe.EventsOfA));
        Assert.Contains("No SRTP protection profile in common", failed.Reason);
        Assert.Contains("SRTP_AES128_CM_HMAC_SHA1_32", failed.Reason);
        Assert.IsType<DtlsFailed>(Assert.Single(pipe.EventsOfB));
    }
}
