namespace Dispatch.Media.Sip.Calls;

/// <summary>
/// Where the B2BUA finds who a Request-URI user is and where that worker's phones are registered (grains in the
/// gateway, a dictionary in tests). May complete later: the B2BUA picks the answer up on the core's next tick.
/// </summary>
public interface ISipCallTargets
{
    /// <summary>The worker behind a number or SIP username with its registered contacts, or null for nobody.</summary>
    ValueTask<SipCallTarget?> Resolve(string user);
}
