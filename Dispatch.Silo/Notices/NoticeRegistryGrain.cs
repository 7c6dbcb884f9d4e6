using Dispatch.Contracts.Notices;

namespace Dispatch.Silo.Notices;

/// <summary>Every notice sent, oldest first (a county sends a few thousand a month).</summary>
public sealed class NoticeRegistryGrain(
    [PersistentState("notice-registry", StorageNames.Provider)] IPersistentState<NoticeRegistryState> state)
    : Grain, INoticeRegistryGrain
{
    public async Task Add(NoticeEntry entry)
    {
        if (state.State.Notices.Any(n => n.Id == entry.Id))
        {
            return;
        }
        state.State.Notices.Add(entry);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<NoticeEntry>> All() => Task.FromResult<IReadOnlyList<NoticeEntry>>(state.State.Notices.ToArray());
}
