using System.Net;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;
using Dispatch.Media.WebRtc.Srtp;
using Dispatch.Media.WebRtc.Stun;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.WebRtc.Robustness;

/// <summary>
/// Every receive-path entry point is fed the hostile corpus and must return a result, never throw:
/// an exception here would escape a receive loop in the host.
/// </summary>
public class HostileInputTests
{
    private static readonly IPEndPoint Remote = new(IPAddress.Parse("10.77.0.2"), 50000);

    [Fact]
    public void The_corpus_is_large_enough_to_mean_something() =>
        Assert.True(HostileInputCorpus.All().Count() > 10_000);

    [Fact]
    public void Stun_parsing_and_checks_never_throw()
    {
        var accepted = 0;
        foreach (var input in HostileInputCorpus.All())
        {
            if (StunMessage.TryParse(input, out var m, out _))
            {
                accepted++;
                _ = m!.VerifyFingerprint();
                _ = m.VerifyMessageIntegrity("VOkJxbRl1RmTxUk/WvJxBt");
                _ = m.VerifyMessageIntegritySha256("key"u8);
                _ = (m.Username, m.Software, m.Realm, m.Nonce, m.Priority, m.UseCandidate, m.IceControlled,
                     m.IceControlling, m.ErrorCode, m.XorMappedAddress, m.UnknownComprehensionRequired());
            }
        }
        Assert.True(accepted > 100, $"only {accepted} inputs reached the attribute accessors");
    }

    [Fact]
    public void The_ice_responder_and_registry_never_throw()
    {
        var responder = new IceLiteResponder(new IceCredentials("evtj", "VOkJxbRl1RmTxUk/WvJxBt"), null, new FakeTimeProvider());
        var registry = new WebRtcEndpointRegistry<string>();
        registry.Register("evtj", "endpoint");
        registry.BindRemote(Remote, "endpoint");
        var response = new byte[IceLiteResponder.MaxResponseLength];
        foreach (var input in HostileInputCorpus.All())
        {
            _ = registry.Route(input, Remote, out _);
            _ = responder.HandleStun(input, Remote, response, out _);
        }
    }

    [Fact]
    public void Rtp_and_rtcp_parsing_never_throw()
    {
        foreach (var input in HostileInputCorpus.All())
        {
            if (RtpHeader.TryParse(input, out var header, out _))
            {
                var reader = RtpExtensionReader.Of(input, header);
                while (reader.TryReadNext(out _, out _))
                {
                }
            }
            _ = RtcpCompound.TryParse(input, out _, out _);
        }
    }

    [Theory]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_32)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Srtp_unprotect_never_throws_and_never_accepts_forgeries(SrtpProfile profile)
    {
        var material = new byte[SrtpKeyingMaterial.LengthFor(profile)];
        new Random(HostileInputCorpus.Seed).NextBytes(material);
        using var session = SrtpSession.FromDtlsKeyingMaterial(profile, material, isDtlsClient: false);
        foreach (var input in HostileInputCorpus.All())
        {
            Assert.NotEqual(SrtpResult.Ok, session.Inbound.UnprotectRtp(input.ToArray(), out _));
            Assert.NotEqual(SrtpResult.Ok, session.Inbound.UnprotectRtcp(input.ToArray(), out _));
        }
    }

    [Fact]
    public void Srtp_protect_rejects_garbage_without_throwing()
    {
        using var session = SrtpSession.FromDtlsKeyingMaterial(SrtpProfile.AesCm128HmacSha1_80, new byte[60], isDtlsClient: true);
        var random = new Random(HostileInputCorpus.Seed);
        foreach (var input in HostileInputCorpus.All().Take(5000))
        {
            var buffer = new byte[input.Length + random.Next(0, 40)];
            input.CopyTo(buffer, 0);
            _ = session.Outbound.ProtectRtp(buffer, input.Length, out _);
            _ = session.Outbound.ProtectRtcp(buffer, input.Length, out _);
            _ = session.Outbound.ProtectRtp(buffer, buffer.Length + 1, out _);
        }
    }
}
