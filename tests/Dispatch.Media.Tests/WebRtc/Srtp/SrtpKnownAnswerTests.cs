using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Media.Tests.WebRtc.Srtp;

public class SrtpKnownAnswerTests
{
    [Theory]
    [InlineData("rfc3711-B.2-aes-cm-keystream")]
    [InlineData("rfc6188-7.1-aes256-cm-keystream")]
    public void Aes_counter_mode_produces_the_rfc_keystream(string id)
    {
        var v = SrtpVectors.Get(id);
        var expected = v.Hex("keystream");
        var iv = new byte[16];
        v.Hex("session_salt").CopyTo(iv, 0); // SSRC 0, index 0: IV = salt * 2^16
        var data = new byte[expected.Length];
        using var ctr = new AesCounterMode(v.Hex("session_key"));
        ctr.Apply(iv, data);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(data));
    }

    [Theory]
    [InlineData("rfc3711-B.3-key-derivation")]
    [InlineData("rfc6188-7.2-aes256-key-derivation")]
    public void Key_derivation_gives_the_rfc_session_keys(string id)
    {
        var v = SrtpVectors.Get(id);
        var key = v.Hex("master_key");
        var salt = v.Hex("master_salt");
        var expected = v.GetProperty("expected");
        Assert.Equal(expected.Hex("cipher_key"), SrtpKeyDerivation.Derive(key, salt, SrtpKeyDerivation.RtpEncryption, key.Length));
        Assert.Equal(expected.Hex("cipher_salt"), SrtpKeyDerivation.Derive(key, salt, SrtpKeyDerivation.RtpSalt, 14));
        Assert.Equal(expected.Hex("auth_key_first20"), SrtpKeyDerivation.Derive(key, salt, SrtpKeyDerivation.RtpAuthentication, 20));
    }

    [Theory]
    [InlineData("rfc7714-aes128-gcm", SrtpProfile.AeadAes128Gcm)]
    [InlineData("rfc7714-aes256-gcm", SrtpProfile.AeadAes256Gcm)]
    public void Aes_gcm_protects_rtp_and_rtcp_to_the_rfc_7714_packets(string id, SrtpProfile profile)
    {
        var v = SrtpVectors.Get(id);
        var sessionKeys = new SrtpSessionKeys(v.Hex("session_key"), v.Hex("session_salt"), []);
        using var sender = new SrtpContext(profile, (sessionKeys, sessionKeys));
        using var receiver = new SrtpContext(profile, (sessionKeys, sessionKeys));

        var rtp = v.Hex("rtp_plain");
        var buffer = new byte[rtp.Length + 16];
        rtp.CopyTo(buffer, 0);
        Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, rtp.Length, out var protectedLength));
        Assert.Equal(Convert.ToHexString(v.Hex("srtp_protected")), Convert.ToHexString(buffer, 0, protectedLength));
        Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer.AsSpan(0, protectedLength), out var plainLength));
        Assert.Equal(rtp, buffer[..plainLength]);

        var rtcp = v.Hex("rtcp_plain");
        var rtcpBuffer = new byte[rtcp.Length + 20];
        rtcp.CopyTo(rtcpBuffer, 0);
        sender.SetNextSrtcpIndex(0x4d617273, v.GetProperty("srtcp_index").GetUInt32());
        Assert.Equal(SrtpResult.Ok, sender.ProtectRtcp(rtcpBuffer, rtcp.Length, out var srtcpLength));
        Assert.Equal(Convert.ToHexString(v.Hex("srtcp_protected")), Convert.ToHexString(rtcpBuffer, 0, srtcpLength));
        Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtcp(rtcpBuffer.AsSpan(0, srtcpLength), out var rtcpLength));
        Assert.Equal(rtcp, rtcpBuffer[..rtcpLength]);
    }

    [Theory]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80, "srtp_protected_sha1_80")]
    [InlineData(SrtpProfile.AesCm128HmacSha1_32, "srtp_protected_sha1_32")]
    public void Aes_cm_hmac_sha1_protects_the_reference_packet(SrtpProfile profile, string field)
    {
        var v = SrtpVectors.Get("pion-aes128-cm-hmac-sha1-80-packet");
        var master = new SrtpMasterKey(v.Hex("master_key"), v.Hex("master_salt"));
        using var sender = new SrtpContext(profile, master);
        using var receiver = new SrtpContext(profile, master);
        var plain = v.Hex("rtp_plain");
        var buffer = new byte[plain.Length + 10];
        plain.CopyTo(buffer, 0);

        Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, plain.Length, out var protectedLength));
        Assert.Equal(Convert.ToHexString(v.Hex(field)), Convert.ToHexString(buffer, 0, protectedLength));
        Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(buffer.AsSpan(0, protectedLength), out var plainLength));
        Assert.Equal(plain, buffer[..plainLength]);
    }
}
