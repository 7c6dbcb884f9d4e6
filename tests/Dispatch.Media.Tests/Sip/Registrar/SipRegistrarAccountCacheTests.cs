using Dispatch.Media.Sip.Registrar;

namespace Dispatch.Media.Tests.Sip.Registrar;

/// <summary>
/// The registrar reuses a looked-up credential for <see cref="SipRegistrarOptions.AccountCacheLifetime"/> (one store
/// call per REGISTER instead of two), without letting the cache decide against a phone or outlive its lifetime.
/// </summary>
public sealed class SipRegistrarAccountCacheTests : RegistrarHarness
{
    private const string Contact = "Contact: <sip:13800000001@192.0.2.10:5062>\r\n";

    [Fact]
    public async Task A_refresh_within_the_cache_lifetime_does_not_look_the_credential_up_again()
    {
        var phone = Desk1();
        await Register(phone, Contact);
        var lookups = Store.AccountLookups;

        Clock.Advance(TimeSpan.FromSeconds(5));
        var refreshed = await Register(phone, Contact);

        Assert.Equal(200, refreshed.StatusCode);
        Assert.Equal(lookups, Store.AccountLookups);
    }

    [Fact]
    public async Task After_the_cache_lifetime_the_credential_is_looked_up_again()
    {
        var phone = Desk1();
        await Register(phone, Contact);
        var lookups = Store.AccountLookups;

        Clock.Advance(new SipRegistrarOptions().AccountCacheLifetime + TimeSpan.FromSeconds(1));
        var refreshed = await Register(phone, Contact);

        Assert.Equal(200, refreshed.StatusCode);
        Assert.Equal(lookups + 1, Store.AccountLookups);
    }

    [Fact]
    public async Task A_new_password_works_at_once_although_the_old_credential_is_cached()
    {
        await Register(Desk1(), Contact);
        Store.AddDevice("W1", "desk-1", "13800000001", "new-secret");

        var withNewPassword = await Register(new RegisterPhone("13800000001", "new-secret", "desk-call-2"), Contact);

        Assert.Equal(200, withNewPassword.StatusCode);
    }

    [Fact]
    public async Task A_removed_device_is_refused_once_the_cache_lifetime_has_passed()
    {
        await Register(Desk1(), Contact);
        Store.RemoveDevice("13800000001");

        Clock.Advance(new SipRegistrarOptions().AccountCacheLifetime + TimeSpan.FromSeconds(1));
        var phone = new RegisterPhone("13800000001", Password, "desk-call-3");
        var challenge = await Registrar.Register(phone.Request(Contact));
        var reply = await Registrar.Register(phone.Request(Contact, phone.Answer(challenge)));

        Assert.Equal((403, "Forbidden - Wrong username or password"), (reply.StatusCode, reply.ReasonPhrase));
    }

    [Fact]
    public async Task A_replaced_password_is_refused_once_the_cache_lifetime_has_passed()
    {
        await Register(Desk1(), Contact);
        Store.AddDevice("W1", "desk-1", "13800000001", "new-secret");

        Clock.Advance(new SipRegistrarOptions().AccountCacheLifetime + TimeSpan.FromSeconds(1));
        var oldPhone = new RegisterPhone("13800000001", Password, "desk-call-4");
        var challenge = await Registrar.Register(oldPhone.Request(Contact));
        var reply = await Registrar.Register(oldPhone.Request(Contact, oldPhone.Answer(challenge)));

        Assert.Equal(403, reply.StatusCode);
    }
}
