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
        if (push.WorkerId != WorkerId)
        {
            throw new ArgumentException($"Push '{push.Id}' is for worker '{push.WorkerId}', not '{WorkerId}'.");
        }
        if (S.Entries.Any(e => e.Push.Id == push.Id))
        {
            return;
        }
        S.Entries.Add(new InboxEntry { Push = push });
        Prune();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPresenceGrain>(WorkerId).Deliver(push);
    }

    public async Task<AckOutcome> Ack(string pushId, string deviceId, ReceiptKind kind)
    {
        var entry = S.Entries.FirstOrDefault(e => e.Push.Id == pushId);
        if (entry is null)
        {
            return AckOutcome.UnknownPush;
        }
        if (kind == ReceiptKind.Accepted && entry.Push.Kind != PushKind.Task)
        {
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

    public Task<IReadOnlyList<PushMessage>> Pending(string deviceId) => Task.FromResult<IReadOnlyList<PushMessage>>(
        S.Entries.Where(e => !e.DeliveredTo(deviceId) || !e.IsRead).Select(e => e.Push).ToArray());

    public Task<IReadOnlyList<PushReceipt>?> Receipts(string pushId) => Task.FromResult<IReadOnlyList<PushReceipt>?>(
        S.Entries.FirstOrDefault(e => e.Push.Id == pushId)?.Receipts.ToArray());

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
