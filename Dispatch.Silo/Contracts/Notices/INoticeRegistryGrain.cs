using Orleans.Concurrency;

namespace Dispatch.Contracts.Notices;

/// <summary>Key 0: every sent notice, for lists and statistics.</summary>
public interface INoticeRegistryGrain : IGrainWithIntegerKey
{
    Task Add(NoticeEntry entry);

    [ReadOnly]
    Task<IReadOnlyList<NoticeEntry>> All();
}
