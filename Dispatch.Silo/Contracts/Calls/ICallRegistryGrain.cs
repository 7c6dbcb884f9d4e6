using Orleans.Concurrency;

namespace Dispatch.Contracts.Calls;

/// <summary>Key 0: every call record, for lists; each call grain keeps its own entry current.</summary>
public interface ICallRegistryGrain : IGrainWithIntegerKey
{
    Task Upsert(CallRecord call);

    [ReadOnly]
    Task<CallPage> Query(CallQuery query);
}
