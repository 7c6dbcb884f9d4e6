using Orleans.Concurrency;

namespace Dispatch.Contracts.Org;

/// <summary>
/// One person of the tree, keyed by worker id. The single source of truth for the person's
/// assignments and duty flag; it keeps each assigned unit's member entry current.
/// </summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>The worker, or null when no worker with this id was defined.</summary>
    [ReadOnly]
    Task<WorkerView?> Get();

    /// <summary>Creates or updates the worker and brings the units' member lists in line.</summary>
    Task Define(WorkerDefinition definition);

    /// <summary>Sets the on-duty flag; returns false when the worker does not exist.</summary>
    Task<bool> SetOnDuty(bool onDuty);

    /// <summary>Replaces the worker's SIP device credentials.</summary>
    Task SetSipDevices(IReadOnlyList<SipDeviceCredential> devices);

    [ReadOnly]
    Task<IReadOnlyList<SipDeviceCredential>> GetSipDevices();

    /// <summary>Where this activation lives; lets operators and tests see placement.</summary>
    [ReadOnly]
    Task<string> GetHostSilo();
}
