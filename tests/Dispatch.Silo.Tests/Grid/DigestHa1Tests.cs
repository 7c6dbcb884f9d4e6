using Dispatch.Silo.Grid;

namespace Dispatch.Silo.Tests.Grid;

public class DigestHa1Tests
{
    // The credentials of RFC 2617 §3.5's example; the hashes were computed with md5sum and sha256sum.
    [Fact]
    public void Md5_hashes_username_realm_and_password_joined_by_colons() =>
        Assert.Equal("939e7578ed9e3c518a452acee763bce9", DigestHa1.Md5("Mufasa", "testrealm@host.com", "Circle Of Life"));

    [Fact]
    public void Sha256_hashes_username_realm_and_password_joined_by_colons() =>
        Assert.Equal("3ba6cd94661c5ef34598040c868f13b8775df29109986be50ad35ae537dd3aa4",
            DigestHa1.Sha256("Mufasa", "testrealm@host.com", "Circle Of Life"));

    [Fact]
    public void A_credential_keeps_both_hashes_and_never_the_password()
    {
        var credential = DigestHa1.Credential("desk-1", "13800000000", "secret");

        Assert.Equal("dispatch", credential.Realm);
        Assert.Equal(DigestHa1.Md5("13800000000", "dispatch", "secret"), credential.Ha1Md5);
        Assert.Equal(DigestHa1.Sha256("13800000000", "dispatch", "secret"), credential.Ha1Sha256);
        Assert.DoesNotContain("secret", credential.ToString());
    }
}
