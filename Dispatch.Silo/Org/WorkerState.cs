using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Org;

/// <summary>The persisted state of one worker.</summary>
[GenerateSerializer]
public sealed class WorkerState
{
    [Id(0)] public WorkerDefinition? Definition { get; set; }

    [Id(1)] public List<SipDeviceCredential> SipDevices { get; set; } = [];

    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
}
