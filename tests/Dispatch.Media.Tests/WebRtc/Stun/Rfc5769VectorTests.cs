using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.Tests.WebRtc.Stun;

/// <summary>RFC 5769 sample messages from ../shared/conformance/stun-rfc5769 (password in its README).</summary>
public class Rfc5769VectorTests
{
    private const string ShortTermPassword = "VOkJxbRl1RmTxUk/WvJxBt";

    private static StunMessage Parse(string file)
    {
        var bytes = ConformanceData.Bytes("stun-rfc5769", file);
        Assert.True(StunMessage.TryParse(bytes, out var message, out var error), error.ToString());
        return message!;
    }

    private static byte[] LongTermKey()
    {
        // RFC 5769 §2.4: the password is SASLprep'ed to "TheMatrIX"; key = MD5(username ":" realm ":" password).
        var username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
        return MD5.HashData(Encoding.UTF8.GetBytes($"{username}:example.org:TheMatrIX"));
    }

    [Fact]
    public void Sample_request_exposes_its_ice_attributes()
    {
        var m = Parse("2.1-sample-request.bin");
        Assert.Equal(StunMessageType.BindingRequest, m.Type);
        Assert.Equal(StunClass.Request, m.Class);
        Assert.Equal("evtj:h6vY", m.Username);
        Assert.Equal("STUN test client", m.Software);
        Assert.Equal(0x6e0001ffu, m.Priority);
        Assert.Equal(0x932ff9b151263b36ul, m.IceControlled);
        Assert.Null(m.IceControlling);
        Assert.False(m.UseCandidate);
    }

    [Theory]
    [InlineData("2.1-sample-request.bin")]
    [InlineData("2.2-sample-ipv4-response.bin")]
    [InlineData("2.3-sample-ipv6-response.bin")]
    public void Short_term_samples_verify_integrity_and_fingerprint(string file)
    {
        var m = Parse(file);
        Assert.True(m.VerifyMessageIntegrity(ShortTermPassword));
        Assert.True(m.VerifyFingerprint());
        Assert.False(m.VerifyMessageIntegrity("wrong password"));
    }

    [Fact]
    public void Ipv4_response_carries_the_mapped_address()
    {
        var m = Parse("2.2-sample-ipv4-response.bin");
        Assert.Equal(StunClass.SuccessResponse, m.Class);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), m.XorMappedAddress);
        Assert.Equal("test vector", m.Software);
    }

    [Fact]
    public void Ipv6_response_carries_the_mapped_address()
    {
        var m = Parse("2.3-sample-ipv6-response.bin");
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), m.XorMappedAddress);
    }

    [Fact]
    public void Long_term_sample_verifies_with_the_md5_key_and_has_no_fingerprint()
    {
        var m = Parse("2.4-sample-request-long-term.bin");
        Assert.Equal("example.org", m.Realm);
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", m.Nonce);
        Assert.True(m.VerifyMessageIntegrity(LongTermKey()));
        Assert.False(m.HasFingerprint);
    }

    [Theory]
    [InlineData("2.1-sample-request.bin", false)]
    [InlineData("2.2-sample-ipv4-response.bin", false)]
    [InlineData("2.3-sample-ipv6-response.bin", false)]
    [InlineData("2.4-sample-request-long-term.bin", true)]
    public void Samples_re_encode_byte_for_byte_with_integrity_recomputed(string file, bool longTerm)
    {
        var original = ConformanceData.Bytes("stun-rfc5769", file);
        var m = Parse(file);
        var key = longTerm ? LongTermKey() : Encoding.UTF8.GetBytes(ShortTermPassword);

        var buffer = new byte[original.Length + 64];
        var writer = new StunMessageWriter(buffer, m.Type, m.TransactionId);
        foreach (var a in m.Attributes)
        {
            switch (a.Type)
            {
                case StunAttributeType.MessageIntegrity:
                    writer.WriteMessageIntegrity(key);
                    break;
                case StunAttributeType.Fingerprint:
                    writer.WriteFingerprint();
                    break;
                default:
                    writer.WriteAttribute(a.Type, a.Value.Span, a.Padding.Span);
                    break;
            }
        }

        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void A_flipped_bit_breaks_the_fingerprint()
    {
        var bytes = ConformanceData.Bytes("stun-rfc5769", "2.1-sample-request.bin");
        bytes[30] ^= 0x01;
        Assert.True(StunMessage.TryParse(bytes, out var m, out _));
        Assert.False(m!.VerifyFingerprint());
        Assert.False(m.VerifyMessageIntegrity(ShortTermPassword));
    }
}
