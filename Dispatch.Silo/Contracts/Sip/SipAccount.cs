using Dispatch.Contracts.Org;

namespace Dispatch.Contracts.Sip;

/// <summary>Who a SIP digest username belongs to: the worker and the device credential that carries it.</summary>
[GenerateSerializer, Immutable]
public sealed record SipAccount(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] SipDeviceCredential Device);
