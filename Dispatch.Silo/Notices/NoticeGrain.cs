using Dispatch.Contracts.Notices;
using Dispatch.Contracts.Realtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Dispatch.Silo.Notices;

/// <summary>
/// One notice to many people. Reentrant, so that receipts are counted while the pushes still go out; every
/// change is saved before the call that made it returns, several receipts sharing one write (group commit),
/// so an acknowledged receipt survives a crash without one write per receipt.
/// </summary>
[Reentrant]
public sealed partial class NoticeGrain(
    [PersistentState("notice", StorageNames.Provider)] IPersistentState<NoticeState> state,
    IOptions<NoticeOptions> options,
    TimeProvider clock,
    ILogger<NoticeGrain> logger)
    : Grain, INoticeGrain, IRemindable
{
    private const string CheckReminder = "notice-check";

    private NoticeState S => state.State;

    private Dictionary<string, NoticeRecipient>? _byWorker;

    private bool _sending;

    private Task? _writer;

    private bool _dirty;

    public async Task<NoticeResult> Send(NoticeDraft draft)
    {
        if (S.Draft is not null || _sending)
        {
            return new NoticeResult(View(), $"Notice '{this.GetPrimaryKeyString()}' was sent already.");
        }
        _sending = true;
        try
        {
            var (recipients, levels, refusal) = await NoticeRecipients.Expand(GrainFactory, draft);
            if (refusal is not null)
            {
                return new NoticeResult(null, refusal);
            }
            var now = clock.GetUtcNow();
            S.Draft = draft;
            S.SentAt = now;
            S.RemindAt = now + (draft.RemindAfter ?? options.Value.RemindAfter);
            S.FollowUpAt = now + (draft.FollowUpAfter ?? options.Value.FollowUpAfter);
            S.Recipients = recipients;
            S.UnitLevels = levels;
            _byWorker = null;
            await Persist();
            await GrainFactory.GetGrain<INoticeRegistryGrain>(0).Add(new NoticeEntry(this.GetPrimaryKeyString(), draft.Title, draft.SenderName, now, draft.UnitCodes));
            await Schedule();
            await PushTo(recipients, reminder: false);
            return new NoticeResult(View(), null);
        }
        finally
        {
            _sending = false;
        }
    }

    public async Task OnReceipt(PushReceipt receipt)
    {
        if (S.Draft is null || !ByWorker.TryGetValue(receipt.WorkerId, out var recipient))
        {
            return;
        }
        var changed = receipt.Kind switch
        {
            ReceiptKind.Delivered when recipient.DeliveredAt is null => Set(() => recipient.DeliveredAt = receipt.At),
            ReceiptKind.Read when recipient.ReadAt is null => Set(() => recipient.ReadAt = receipt.At),
            ReceiptKind.Confirmed when recipient.ConfirmedAt is null => Set(() => recipient.ConfirmedAt = receipt.At),
            _ => false,
        };
        if (changed)
        {
            await Persist();
        }
    }

    public Task<NoticeView?> Get() => Task.FromResult(View());

    public Task<IReadOnlyList<UnitAwareness>> AwarenessByUnit()
    {
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var r in S.Recipients)
        {
            foreach (var code in r.Path)
            {
                if (!counts.TryGetValue(code, out var c))
                {
                    counts[code] = c = new int[4];
                }
                Count(c, r);
            }
        }
        return Task.FromResult<IReadOnlyList<UnitAwareness>>(counts
            .Select(p => new UnitAwareness(p.Key, S.UnitLevels.GetValueOrDefault(p.Key), new AwarenessCount(p.Value[0], p.Value[1], p.Value[2], p.Value[3])))
            .OrderBy(u => u.Level).ThenBy(u => u.UnitCode, StringComparer.Ordinal).ToArray());
    }

    public Task<IReadOnlyList<RecipientStatus>> Recipients() =>
        Task.FromResult<IReadOnlyList<RecipientStatus>>(S.Recipients.Select(r => r.Status()).ToArray());

    public Task<IReadOnlyList<RecipientStatus>> FollowUps() => Task.FromResult<IReadOnlyList<RecipientStatus>>(
        S.FollowUpListedAt is null ? [] : S.Recipients.Where(r => r.ConfirmedAt is null).Select(r => r.Status()).ToArray());

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName != CheckReminder || S.Draft is null)
        {
            return;
        }
        var now = clock.GetUtcNow();
        if (S.RemindedAt is null && now >= S.RemindAt)
        {
            var silent = S.Recipients.Where(r => r.ConfirmedAt is null).ToList();
            silent.ForEach(r => r.Reminded = true);
            S.RemindedAt = now;
            await Persist();
            await PushTo(silent, reminder: true);
        }
        if (S.FollowUpListedAt is null && now >= S.FollowUpAt)
        {
            S.FollowUpListedAt = now;
            await Persist();
        }
        await Schedule();
    }

    private Dictionary<string, NoticeRecipient> ByWorker => _byWorker ??= S.Recipients.ToDictionary(r => r.WorkerId, StringComparer.Ordinal);

    private static bool Set(Action change)
    {
        change();
        return true;
    }

    private static void Count(int[] c, NoticeRecipient r)
    {
        c[0]++;
        if (r.DeliveredAt is not null || r.ReadAt is not null || r.ConfirmedAt is not null)
        {
            c[1]++;
        }
        if (r.ReadAt is not null || r.ConfirmedAt is not null)
        {
            c[2]++;
        }
        if (r.ConfirmedAt is not null)
        {
            c[3]++;
        }
    }

    /// <summary>One push per person; the inbox saves it before it delivers, so a push that fails here is in no inbox.</summary>
    private async Task PushTo(IReadOnlyList<NoticeRecipient> recipients, bool reminder)
    {
        var draft = S.Draft!;
        var title = (reminder ? "【提醒】" : draft.Priority == NoticePriority.Urgent ? "【紧急通知】" : "【通知】") + draft.Title;
        var self = this.AsReference<INoticeGrain>();
        var now = clock.GetUtcNow();
        var pushes = recipients.Select(r => GrainFactory.GetGrain<IInboxGrain>(r.WorkerId)
            .Push(new PushMessage(PushMessage.NewId(), r.WorkerId, PushKind.Notice, title, draft.Body, now, draft.SenderName, self)));
        try
        {
            await Task.WhenAll(pushes);
        }
        catch (Exception e)
        {
            LogPushFailed(this.GetPrimaryKeyString(), e.Message);
        }
    }

    /// <summary>
    /// Saves the state; a caller that changed it while a write was in flight waits for the next write,
    /// and writes never overlap (the storage's etag would refuse the second).
    /// </summary>
    private Task Persist()
    {
        _dirty = true;
        return _writer ??= WriteWhileDirty();
    }

    private async Task WriteWhileDirty()
    {
        try
        {
            while (_dirty)
            {
                // Let the receipts arriving meanwhile join this write: a 5,000-person state is about 1 MB.
                await Task.Delay(options.Value.SaveCoalescing);
                _dirty = false;
                await state.WriteStateAsync();
            }
        }
        finally
        {
            _writer = null;
        }
    }

    private async Task Schedule()
    {
        DateTimeOffset? next = S.RemindedAt is null ? S.RemindAt : S.FollowUpListedAt is null ? S.FollowUpAt : null;
        if (next is null)
        {
            if (await this.GetReminder(CheckReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            return;
        }
        var due = next.Value - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(CheckReminder, due < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : due, options.Value.CheckPeriod);
    }

    private NoticeView? View()
    {
        if (S.Draft is null)
        {
            return null;
        }
        var c = new int[4];
        foreach (var r in S.Recipients)
        {
            Count(c, r);
        }
        return new NoticeView(this.GetPrimaryKeyString(), S.Draft, S.SentAt, new AwarenessCount(c[0], c[1], c[2], c[3]),
            S.RemindAt, S.FollowUpAt, S.RemindedAt, S.FollowUpListedAt);
    }

    [LoggerMessage(LogLevel.Warning, "Notice {NoticeId}: some pushes failed (those recipients stay silent until reminded): {Reason}")]
    private partial void LogPushFailed(string noticeId, string reason);
}
