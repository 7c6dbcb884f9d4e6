using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

public sealed class SrtpKeyingMaterialTests
{
    [Theory]
    [InlineData(DtlsSrtpProfile.AesCm128HmacSha1_80, 16, 14)]
    [InlineData(DtlsSrtpProfile.AesCm128HmacSha1_32, 16, 14)]
    [InlineData(DtlsSrtpProfile.AeadAes128Gcm, 16, 12)]
    public void Exported_bytes_split_as_client_key_server_key_client_salt_server_salt(DtlsSrtpProfile profile, int keyLength, int saltLength)
    {
        var exported = Enumerable.Range(0, 2 * (keyLength + saltLength)).Select(i => (byte)i).ToArray();

        var keys = SrtpKeyingMaterial.Split(profile, exported);

        Assert.Equal(exported[..keyLength], keys.ClientWriteKey);
        Assert.Equal(exported[keyLength..(2 * keyLength)], keys.ServerWriteKey);
        Assert.Equal(exported[(2 * keyLength)..(2 * keyLength + saltLength)], keys.ClientWriteSalt);
        Assert.Equal(exported[(2 * keyLength + saltLength)..], keys.ServerWriteSalt);
    }

    [Fact]
    public void Local_and_remote_keys_follow_the_dtls_role()
    {
        var keys = SrtpKeyingMaterial.Split(DtlsSrtpProfile.AesCm128HmacSha1_80, new byte[60]);

        Assert.Same(keys.ClientWriteKey, keys.Local(DtlsRole.Client).Key);
        Assert.Same(keys.ServerWriteKey, keys.Remote(DtlsRole.Client).Key);
        Assert.Same(keys.ServerWriteSalt, keys.Local(DtlsRole.Server).Salt);
        Assert.Same(keys.ClientWriteSalt, keys.Remote(DtlsRole.Server).Salt);
    }

    [Fact]
    public void Wrong_length_is_refused_with_the_expected_size()
    {
        var error = Assert.Throws<ArgumentException>(() => SrtpKeyingMaterial.Split(DtlsSrtpProfile.AeadAes128Gcm, new byte[60]));

        Assert.Contains("needs 56 bytes", error.Message);
    }
}
