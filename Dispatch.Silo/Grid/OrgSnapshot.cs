using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid;

/// <summary>
/// A whole org tree (or a part of one) as plain data: what the demo generator produces, what an
/// import yields and what the exporter writes. Units are listed parents before children.
/// </summary>
/// <param name="Logins">Demo logins; empty for an import.</param>
/// <param name="SipDevices">SIP device credentials by worker id; empty for an import.</param>
public sealed record OrgSnapshot(
    IReadOnlyList<UnitDefinition> Units,
    IReadOnlyList<WorkerDefinition> Workers,
    IReadOnlyList<DemoLogin> Logins,
    IReadOnlyDictionary<string, IReadOnlyList<SipDeviceCredential>> SipDevices);
