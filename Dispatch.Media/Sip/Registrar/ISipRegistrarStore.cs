using Dispatch.Contracts.Sip;

namespace Dispatch.Media.Sip.Registrar;

/// <summary>
/// Where the registrar finds credentials and keeps bindings (grains in the gateway, a dictionary in tests).
/// Bindings are written compare-and-set, so two REGISTERs of one worker on two nodes cannot lose each other's contacts.
/// </summary>
public interface ISipRegistrarStore
{
    /// <summary>The worker and device credential of a digest username, or null for an unknown username.</summary>
    ValueTask<SipAccount?> FindAccount(string username);

    /// <summary>The worker's unexpired bindings and their version.</summary>
    ValueTask<SipBindingSet> ReadBindings(string workerId);

    /// <summary>Replaces the bindings if their version is still <paramref name="expectedVersion"/>.</summary>
    ValueTask<SipBindingWrite> WriteBindings(string workerId, long expectedVersion, IReadOnlyList<SipBinding> bindings);
}
