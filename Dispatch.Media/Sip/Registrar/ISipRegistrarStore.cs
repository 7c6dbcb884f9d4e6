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

    /// <summary>
    /// Replaces the bindings if their version is still that of <paramref name="current"/>, the set the change was
    /// worked out from (a store may compare the two, e.g. to tell presence only when a device appeared or went).
    /// </summary>
    ValueTask<SipBindingWrite> WriteBindings(string workerId, SipBindingSet current, IReadOnlyList<SipBinding> bindings);
}
