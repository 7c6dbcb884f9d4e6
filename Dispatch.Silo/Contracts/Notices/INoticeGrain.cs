using Dispatch.Contracts.Realtime;
using Orleans.Concurrency;

namespace Dispatch.Contracts.Notices;

/// <summary>
/// One notice (通知), keyed by its id: its recipients expanded through the tree, one push each, and every
/// person's delivered / read / confirmed. The silent are reminded once, then listed for a follow-up call.
/// </summary>
public interface INoticeGrain : IPushSender
{
    Task<NoticeResult> Send(NoticeDraft draft);

    [ReadOnly]
    Task<NoticeView?> Get();

    /// <summary>Counts per unit, for every unit on a recipient's path (city … the recipient's own unit).</summary>
    [ReadOnly]
    Task<IReadOnlyList<UnitAwareness>> AwarenessByUnit();

    [ReadOnly]
    Task<IReadOnlyList<RecipientStatus>> Recipients();

    /// <summary>Those still unconfirmed once the follow-up deadline passed (empty before it).</summary>
    [ReadOnly]
    Task<IReadOnlyList<RecipientStatus>> FollowUps();
}
