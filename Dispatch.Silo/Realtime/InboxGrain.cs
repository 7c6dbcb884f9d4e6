using Dispatch.Contracts.Realtime;
using Microsoft.Extensions.Logging;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// A worker's pushes, durable. Every change is saved before anyone hears of it: a push before it goes
/// to a device, a receipt before it is acknowledged to the device and reported to the sender. Receipts whose report may have been lost in a
/// crash are reported again on activation (senders are idempotent).
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

    private string WorkerId => this.GetPrimaryKeyString();

    private InboxState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Unreported.Count > 0)
        {
            this.RegisterGrainTimer(_ => ReportUnreported(), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
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
        await state.WriteStateAsync();
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
                await state.WriteStateAsync();
            }
            return AckOutcome.NotATask;
        }
        if (entry.Has(deviceId, kind))
        {
            return AckOutcome.AlreadyRecorded;
        }
        var receipt = new PushReceipt(pushId, WorkerId, deviceId, kind, clock.GetUtcNow());
        entry.Receipts.Add(receipt);
        if (entry.Push.Sender is not null)
        {
            S.Unreported.Add(receipt);
        }
        await state.WriteStateAsync();
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
            S.Entries.Where(e => !e.DeliveredTo(deviceId) || !e.IsRead).Select(e => e.Push).ToArray());
    }

    public Task<IReadOnlyList<PushReceipt>?> Receipts(string pushId) => Task.FromResult<IReadOnlyList<PushReceipt>?>(
        Find(pushId)?.Receipts.ToArray());

    private IPresenceGrain Presence => GrainFactory.GetGrain<IPresenceGrain>(WorkerId);

    private InboxEntry? Find(string pushId)
    {
        // Newest first: an acknowledgement is nearly always for a recent push.
        for (var i = S.Entries.Count - 1; i >= 0; i--)
        {
            if (S.Entries[i].Push.Id == pushId)
            {
                return S.Entries[i];
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

    /// <summary>Adds in the order the pushes were made (a fan-out's pieces can arrive out of order).</summary>
    private InboxEntry Add(PushMessage push)
    {
        var entry = new InboxEntry { Push = push };
        var at = S.Entries.Count;
        while (at > 0 && S.Entries[at - 1].Push.CreatedAt > push.CreatedAt)
        {
            at--;
        }
        S.Entries.Insert(at, entry);
        Prune();
        return entry;
    }

    /// <summary>
    /// A report that fails stays in <see cref="InboxState.Unreported"/> (saved with the receipt) and is
    /// tried again on the next activation; a report that succeeds is forgotten with the next save.
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
            S.Unreported.Remove(receipt);
        }
        catch (Exception e)
        {
            LogReportFailed(receipt.PushId, receipt.Kind, e.Message);
        }
    }

    private async Task ReportUnreported()
    {
        foreach (var receipt in S.Unreported.ToArray())
        {
            var sender = S.Entries.FirstOrDefault(e => e.Push.Id == receipt.PushId)?.Push.Sender;
            if (sender is null)
            {
                S.Unreported.Remove(receipt);
                continue;
            }
            await Report(receipt, sender);
        }
    }

    private void Prune()
    {
        while (S.Entries.Count > Capacity && S.Entries.FirstOrDefault(e => e.IsRead) is { } oldestRead)
        {
            S.Entries.Remove(oldestRead);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Receipt {Kind} of push {PushId} not reported to its sender yet: {Reason}")]
    private partial void LogReportFailed(string pushId, ReceiptKind kind, string reason);
}
