using Dispatch.Contracts.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// A worker's pushes, durable. Every change is saved before anyone hears of it: a push before it goes
/// to a device, a receipt before it is acknowledged to the device and reported to the sender. Receipts whose report may have been lost in a
/// crash are reported again on activation (senders are idempotent).
/// <code>
///   row "inbox"     the newest pushes (up to InboxSegment.Capacity) and the list of segments
///   rows "inbox-N"  older pushes, InboxSegment.Capacity each
///   Store ──► newest row (a full one first moves its oldest pushes into a new segment)
///   Ack   ──► the row that holds the push
/// </code>
/// </summary>
public sealed partial class InboxGrain(
    [PersistentState("inbox", StorageNames.Provider)] IPersistentState<InboxState> state,
    TimeProvider clock,
    ILogger<InboxGrain> logger)
    : Grain, IInboxGrain
{
    /// <summary>Beyond this many entries the oldest read ones are dropped.</summary>
    internal const int Capacity = 1000;

    /// <summary>
    /// A sync this much older than a fanned-out push still counts as "while it was on its way": the push's
    /// time comes from the gateway's clock, the sync's from the silo's (docs/realtime.md).
    /// </summary>
    internal static readonly TimeSpan ClockAllowance = TimeSpan.FromSeconds(2);

    private DateTimeOffset _lastSync = DateTimeOffset.MinValue;

    /// <summary>Every push, in the segments and in the newest row, oldest first.</summary>
    private readonly List<InboxEntry> _entries = [];

    /// <summary>Segments that pruning changed and that are not saved yet.</summary>
    private readonly SortedSet<int> _changedSegments = [];

    private InboxSegmentRows _segments = null!;

    private string WorkerId => this.GetPrimaryKeyString();

    private InboxState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _segments = new InboxSegmentRows(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider), this.GetGrainId());
        await _segments.Load(S.Segments);
        // Stable: pushes made at the same instant keep the order they were added in.
        _entries.AddRange(_segments.Entries.Concat(S.Entries).OrderBy(e => e.Push.CreatedAt));
        if (S.Unreported.Count > 0 || _segments.Unreported.Any(list => list.Count > 0))
        {
            this.RegisterGrainTimer(_ => ReportUnreported(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task Push(PushMessage push)
    {
        if (await Save(push))
        {
            await Presence.Deliver(push);
        }
    }

    public async Task Store(PushMessage push)
    {
        // The fan-out read the gateway's devices after the push was made; a device that synced after that
        // may have connected after it too, and its sync may have come before this save.
        if (await Save(push) && _lastSync >= push.CreatedAt - ClockAllowance)
        {
            await Presence.Deliver(push);
        }
    }

    /// <summary>Adds and saves the push; false if the inbox had it already.</summary>
    private async Task<bool> Save(PushMessage push)
    {
        if (push.WorkerId != WorkerId)
        {
            throw new ArgumentException($"Push '{push.Id}' is for worker '{push.WorkerId}', not '{WorkerId}'.");
        }
        if (Find(push.Id) is not null)
        {
            return false;
        }
        Add(push);
        await SaveNewest();
        return true;
    }

    public async Task<AckOutcome> Ack(string pushId, string deviceId, ReceiptKind kind)
    {
        var entry = Find(pushId);
        var adopted = false;
        if (entry is null && await FromTracker(pushId) is { } fromTracker)
        {
            (entry, adopted) = (fromTracker, true);
        }
        if (entry is null)
        {
            return AckOutcome.UnknownPush;
        }
        if (kind == ReceiptKind.Accepted && entry.Push.Kind != PushKind.Task)
        {
            if (adopted)
            {
                // The later Store finds the push here and does not save it again: save it now.
                await SaveNewest();
            }
            return AckOutcome.NotATask;
        }
        if (entry.Has(deviceId, kind))
        {
            return AckOutcome.AlreadyRecorded;
        }
        var receipt = new PushReceipt(pushId, WorkerId, deviceId, kind, clock.GetUtcNow());
        entry.Receipts.Add(receipt);
        // Most acknowledgements are for one of the newest pushes: look through the segments only when it is not one.
        var segment = S.Entries.Contains(entry) ? null : _segments.Holding(entry);
        if (entry.Push.Sender is not null)
        {
            (segment is { } number ? _segments[number].Unreported : S.Unreported).Add(receipt);
        }
        await (segment is { } changed ? _segments.Save(changed) : SaveNewest());
        // Not awaited: the receipt is saved (and marked unreported), which is all the device waits for.
        // A sender that saves receipts in groups would otherwise hold every device's Ack for its saves.
        // The report runs on this activation, between its other turns.
        _ = Report(receipt, entry.Push.Sender);
        return AckOutcome.Recorded;
    }

    public Task<IReadOnlyList<PushMessage>> Pending(string deviceId)
    {
        _lastSync = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<PushMessage>>(
            _entries.Where(e => !e.DeliveredTo(deviceId) || !e.IsRead).Select(e => e.Push).ToArray());
    }

    public Task<IReadOnlyList<PushReceipt>?> Receipts(string pushId) => Task.FromResult<IReadOnlyList<PushReceipt>?>(
        Find(pushId)?.Receipts.ToArray());

    /// <summary>
    /// Saves the inbox's own row, after the segments that pruning changed, and after moving its oldest pushes into a
    /// new segment when it holds more than <see cref="InboxSegment.Capacity"/>. Each row is written before the row
    /// that lists it, so a crash in between leaves at worst a row that nothing lists.
    /// </summary>
    private async Task SaveNewest()
    {
        foreach (var number in _changedSegments.ToArray())
        {
            await _segments.Save(number);
            if (!_segments.Contains(number))
            {
                S.Segments.Remove(number);
            }
            _changedSegments.Remove(number);
        }
        while (S.Entries.Count > InboxSegment.Capacity)
        {
            await MoveOldestToSegment();
        }
        await state.WriteStateAsync();
    }

    private async Task MoveOldestToSegment()
    {
        var moved = S.Entries.GetRange(0, InboxSegment.Capacity);
        var ids = moved.Select(e => e.Push.Id).ToHashSet();
        var number = S.NextSegment;
        await _segments.Create(number, new InboxSegment
        {
            Entries = moved,
            Unreported = S.Unreported.Where(r => ids.Contains(r.PushId)).ToList(),
        });
        S.Entries.RemoveRange(0, InboxSegment.Capacity);
        S.Unreported.RemoveAll(r => ids.Contains(r.PushId));
        S.Segments.Add(number);
        S.NextSegment = number + 1;
    }

    private IPresenceGrain Presence => GrainFactory.GetGrain<IPresenceGrain>(WorkerId);

    private InboxEntry? Find(string pushId)
    {
        // Newest first: an acknowledgement is nearly always for a recent push.
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Push.Id == pushId)
            {
                return _entries[i];
            }
        }
        return null;
    }

    /// <summary>
    /// A fanned-out push acknowledged before its <see cref="Store"/> arrived: its send's tracker, saved before
    /// the fan-out, has it. Added here (the receipt's save saves it too); the later Store finds it and does nothing.
    /// </summary>
    private async Task<InboxEntry?> FromTracker(string pushId)
    {
        if (!PushIds.TrySplit(pushId, out var broadcastId, out _))
        {
            return null;
        }
        // Not reentrant: no Store can slip in while this waits, so the entry is still missing afterwards.
        var track = await GrainFactory.GetGrain<IPushTrackerGrain>(broadcastId).Get(pushId);
        if (track is null || track.Push.WorkerId != WorkerId)
        {
            return null;
        }
        return Add(track.Push);
    }

    /// <summary>
    /// Adds to the newest row, in the order the pushes were made (a fan-out's pieces can arrive out of order; one
    /// that is older than pushes already moved to a segment still goes to the newest row, and is put in its place in
    /// the list of all when they are read back).
    /// </summary>
    private InboxEntry Add(PushMessage push)
    {
        var entry = new InboxEntry { Push = push };
        InsertInOrder(_entries, entry);
        InsertInOrder(S.Entries, entry);
        Prune();
        return entry;
    }

    private static void InsertInOrder(List<InboxEntry> entries, InboxEntry entry)
    {
        var at = entries.Count;
        while (at > 0 && entries[at - 1].Push.CreatedAt > entry.Push.CreatedAt)
        {
            at--;
        }
        entries.Insert(at, entry);
    }

    /// <summary>
    /// A report that fails stays in the unreported list of the row that holds its push (saved with the receipt) and
    /// is tried again on the next activation; a report that succeeds is forgotten with that row's next save. A
    /// segment's row may not be written again for a long time: its reported receipts are then reported once more at
    /// a later activation, which the sender takes as the repeat it is.
    /// </summary>
    private async Task Report(PushReceipt receipt, IPushSender? sender)
    {
        if (sender is null)
        {
            return;
        }
        try
        {
            await sender.OnReceipt(receipt);
            ForgetUnreported(receipt);
        }
        catch (Exception e)
        {
            LogReportFailed(receipt.PushId, receipt.Kind, e.Message);
        }
    }

    /// <summary>Wherever it is now: the newest row may have moved it into a segment while the report ran.</summary>
    private void ForgetUnreported(PushReceipt receipt)
    {
        if (!S.Unreported.Remove(receipt))
        {
            _segments.ForgetUnreported(receipt);
        }
    }

    private async Task ReportUnreported()
    {
        foreach (var receipt in S.Unreported.Concat(_segments.Unreported.SelectMany(list => list)).ToArray())
        {
            var sender = Find(receipt.PushId)?.Push.Sender;
            if (sender is null)
            {
                ForgetUnreported(receipt);
                continue;
            }
            await Report(receipt, sender);
        }
    }

    private void Prune()
    {
        while (_entries.Count > Capacity && _entries.FirstOrDefault(e => e.IsRead) is { } oldestRead)
        {
            _entries.Remove(oldestRead);
            if (!S.Entries.Remove(oldestRead) && _segments.Remove(oldestRead) is { } number)
            {
                _changedSegments.Add(number);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Receipt {Kind} of push {PushId} not reported to its sender yet: {Reason}")]
    private partial void LogReportFailed(string pushId, ReceiptKind kind, string reason);
}
