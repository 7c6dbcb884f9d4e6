using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Registrar;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Sip.Registrar;

/// <summary>A registrar on a fake clock with two workers: W1 has two devices, W2 one.</summary>
public abstract class RegistrarHarness
{
    internal const string Password = "s3cret-desk";

    private protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    internal readonly InMemoryRegistrarStore Store = new();
    private protected readonly SipRegistrar Registrar;

    protected RegistrarHarness()
    {
        Store.AddDevice("W1", "desk-1", "13800000001", Password);
        Store.AddDevice("W1", "soft-1", "13800000001-soft", Password);
        Store.AddDevice("W2", "desk-1", "13800000002", Password);
        Registrar = new SipRegistrar(Store, Clock);
    }

    /// <summary>REGISTER, take the 401's challenge, REGISTER again with credentials; returns the final answer.</summary>
    internal async Task<SipResponse> Register(RegisterPhone phone, string extra, DigestAlgorithm algorithm = DigestAlgorithm.Sha256)
    {
        var challenge = await Registrar.Register(phone.Request(extra));
        Assert.Equal(401, challenge.StatusCode);
        return await Registrar.Register(phone.Request(extra, phone.Answer(challenge, algorithm)));
    }

    internal static RegisterPhone Desk1() => new("13800000001", Password, "desk-call");

    /// <summary>Contact values of a 200 OK mapped to their expires parameters.</summary>
    internal static Dictionary<string, int> Granted(SipResponse ok) => ok.Contacts.ToDictionary(
        c => c.Uri.ToString(), c => int.Parse(c.Parameters["expires"]!, System.Globalization.CultureInfo.InvariantCulture));
}
