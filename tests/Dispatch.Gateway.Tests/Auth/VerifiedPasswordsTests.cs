using Dispatch.Gateway.Auth;
using Dispatch.Silo.Accounts;

namespace Dispatch.Gateway.Tests.Auth;

public sealed class VerifiedPasswordsTests
{
    [Fact]
    public void A_remembered_success_never_lets_a_wrong_password_through()
    {
        var cache = new VerifiedPasswords();
        var hash = PasswordHasher.Hash("right-password");

        Assert.True(cache.Verify("right-password", hash));
        Assert.True(cache.Verify("right-password", hash));
        Assert.False(cache.Verify("wrong-password", hash));
    }

    [Fact]
    public void A_changed_password_hash_is_checked_afresh()
    {
        var cache = new VerifiedPasswords();
        var before = PasswordHasher.Hash("old-password");
        var after = PasswordHasher.Hash("new-password");

        Assert.True(cache.Verify("old-password", before));
        Assert.False(cache.Verify("old-password", after));
        Assert.True(cache.Verify("new-password", after));
    }
}
