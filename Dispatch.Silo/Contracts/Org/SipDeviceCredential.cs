namespace Dispatch.Contracts.Org;

/// <summary>
/// The digest credentials of one SIP device (desk phone, softphone, radio gateway) of a worker.
/// Only the HA1 hashes are kept (RFC 7616 §3.4.2: HA1 = H(username:realm:password)), one per
/// algorithm the registrar offers, so the password itself is never stored.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SipDeviceCredential(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Username,
    [property: Id(2)] string Realm,
    [property: Id(3)] string Ha1Md5,
    [property: Id(4)] string Ha1Sha256);
