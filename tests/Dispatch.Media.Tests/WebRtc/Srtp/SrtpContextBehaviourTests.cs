using System.Buffers.Binary;
using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Media.Tests.WebRtc.Srtp;

public class SrtpContextBehaviourTests
{
    public static TheoryData<SrtpProfile> Profiles() =>
    [
        SrtpProfile.AesCm128HmacSha1_80, SrtpProfile.AesCm128HmacSha1_32, SrtpProfile.AeadAes128Gcm,
        SrtpProfile.AeadAes256Gcm, SrtpProfile.AesCm256HmacSha1_80,
    ];

    private static SrtpSession[] Pair(SrtpProfile profile)
    {
        var material = new byte[SrtpKeyingMaterial.LengthFor(profile)];
        new Random(7).NextBytes(material);
        return [SrtpSession.FromDtlsKeyingMaterial(profile, material, isDtlsClient: true),
                SrtpSession.FromDtlsKeyingMaterial(profile, material, isDtlsClient: false)];
    }

    private static byte[] Rtp(ushort seq, uint ssrc = 0x11223344, int payload = 160)
    {
        var p = new byte[12 + payload + 16];
        p[0] = 0x80;
        p[1] = 111;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), seq * 960u);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(8), ssrc);
        for (var i = 12; i < 12 + payload; i++)
        {
            p[i] = (byte)(i * 7 + seq);
        }
        return p;
    }

    private static byte[] Protect(SrtpContext sender, ushort seq)
    {
        var p = Rtp(seq);
        Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(p, 12 + 160, out var length));
        return p[..length];
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Dtls_client_and_server_sessions_interoperate_both_ways(SrtpProfile profile)
    {
        var (client, server) = (Pair(profile)[0], Pair(profile)[1]);
        var packet = Protect(client.Outbound, 1000);
        Assert.NotEqual(Rtp(1000)[12..172], packet[12..172]);
        Assert.Equal(SrtpResult.Ok, server.Inbound.UnprotectRtp(packet, out var length));
        Assert.Equal(Rtp(1000)[..172], packet[..length]);

        var back = Protect(server.Outbound, 5);
        Assert.Equal(SrtpResult.Ok, client.Inbound.UnprotectRtp(back, out _));
        Assert.Equal(SrtpResult.AuthenticationFailed, client.Inbound.UnprotectRtp(Protect(client.Outbound, 6), out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void A_replayed_packet_is_rejected_and_a_tampered_one_fails_authentication(SrtpProfile profile)
    {
        var s = Pair(profile);
        var packet = Protect(s[0].Outbound, 42);
        var copy = packet.ToArray();
        Assert.Equal(SrtpResult.Ok, s[1].Inbound.UnprotectRtp(packet, out _));
        Assert.Equal(SrtpResult.Replayed, s[1].Inbound.UnprotectRtp(copy.ToArray(), out _));

        var tampered = Protect(s[0].Outbound, 43);
        tampered[20] ^= 1;
        Assert.Equal(SrtpResult.AuthenticationFailed, s[1].Inbound.UnprotectRtp(tampered, out _));
    }

    [Fact]
    public void Reordered_packets_inside_the_window_pass_and_older_ones_are_too_old()
    {
        var s = Pair(SrtpProfile.AesCm128HmacSha1_80);
        var late = Protect(s[0].Outbound, 10);
        Assert.Equal(SrtpResult.Ok, s[1].Inbound.UnprotectRtp(Protect(s[0].Outbound, 11), out _));
        for (ushort seq = 12; seq < 100; seq++)
        {
            Assert.Equal(SrtpResult.Ok, s[1].Inbound.UnprotectRtp(Protect(s[0].Outbound, seq), out _));
        }
        Assert.Equal(SrtpResult.TooOld, s[1].Inbound.UnprotectRtp(late, out _));
        var s2 = Pair(SrtpProfile.AesCm128HmacSha1_80);
        var first = Protect(s2[0].Outbound, 10);
        var second = Protect(s2[0].Outbound, 11);
        var third = Protect(s2[0].Outbound, 12);
        Assert.Equal(SrtpResult.Ok, s2[1].Inbound.UnprotectRtp(first, out _));
        Assert.Equal(SrtpResult.Ok, s2[1].Inbound.UnprotectRtp(third, out _));
        Assert.Equal(SrtpResult.Ok, s2[1].Inbound.UnprotectRtp(second, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_rollover_counter_follows_a_sequence_wrap_with_reordering(SrtpProfile profile)
    {
        var s = Pair(profile);
        var packets = new List<byte[]>();
        for (var i = 0; i < 200; i++)
        {
            packets.Add(Protect(s[0].Outbound, (ushort)(65_450 + i)));
        }
        // Swap neighbours across the wrap: 65535 arrives after 0.
        (packets[85], packets[86]) = (packets[86], packets[85]);
        foreach (var p in packets)
        {
            Assert.Equal(SrtpResult.Ok, s[1].Inbound.UnprotectRtp(p, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Srtcp_round_trips_and_rejects_replay(SrtpProfile profile)
    {
        var s = Pair(profile);
        var rr = Convert.FromHexString("81c90007 30b68407 4794 37af 0000 0000 0000 0276 0000 0772 0000 0000 0000 0000".Replace(" ", ""));
        var buffer = new byte[rr.Length + s[0].Outbound.Parameters.RtcpOverhead];
        rr.CopyTo(buffer, 0);
        Assert.Equal(SrtpResult.Ok, s[0].Outbound.ProtectRtcp(buffer, rr.Length, out var length));
        Assert.Equal(rr.Length + s[0].Outbound.Parameters.RtcpOverhead, length);
        var copy = buffer[..length];
        Assert.Equal(SrtpResult.Ok, s[1].Inbound.UnprotectRtcp(buffer.AsSpan(0, length), out var plain));
        Assert.Equal(rr, buffer[..plain]);
        Assert.Equal(SrtpResult.Replayed, s[1].Inbound.UnprotectRtcp(copy, out _));
    }

    [Fact]
    public void Keying_material_of_the_wrong_length_is_refused()
    {
        Assert.Equal(60, SrtpKeyingMaterial.LengthFor(SrtpProfile.AesCm128HmacSha1_80));
        Assert.Equal(56, SrtpKeyingMaterial.LengthFor(SrtpProfile.AeadAes128Gcm));
        Assert.Throws<ArgumentException>(() => SrtpKeyingMaterial.Split(SrtpProfile.AesCm128HmacSha1_80, new byte[59]));
    }

    [Fact]
    public void Protect_reports_a_buffer_without_room_for_the_tag()
    {
        using var s = Pair(SrtpProfile.AesCm128HmacSha1_80)[0];
        var p = Rtp(1, payload: 10)[..22];
        Assert.Equal(SrtpResult.BufferTooSmall, s.Outbound.ProtectRtp(p, 22, out _));
    }
}
