using Dispatch.Contracts.Realtime;
using System.Diagnostics;
using Orleans.Concurrency;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// The sender of one REST send: it keeps the receipts of all its pushes for whoever asks. A broadcast's
/// receipts arrive by the thousand within seconds and the state is one row, so saves are grouped and
/// spaced: every receipt that arrives while a save runs (or within <see cref="SaveSpacing"/> of the last
/// one) joins the next save. Each caller is answered once the save that holds its receipt is done (an
/// inbox forgets a receipt as unreported only then), and <see cref="Get"/> shows saved receipts only.
/// <code>
///   OnReceipt ×n ──► add to state ──► await the next save ──(one row written for all n)──► answered
/// </code>
/// Reentrant so that receipts can join while a save runs; every change goes through <see cref="SaveSoon"/>,
/// so saves never overlap.
/// </summary>
[Reentrant]
public sealed class PushTrackerGrain(
    [PersistentState("pushes", StorageNames.Provider)] IPersistentState<PushTrackerState> state)
    : Grain, IPushTrackerGrain
{
    /// <summary>Rewriting a row of thousands of receipts back to back cost more than it bought (docs/realtime.md).</summary>
    internal static readonly TimeSpan SaveSpacing = TimeSpan.FromMilliseconds(100);

    private readonly HashSet<(int Recipient, string DeviceId, ReceiptKind Kind)> _recorded = [];
    private int _savedReceipts;
    private long _lastSaveStarted;
    private Task _lastSave = Task.CompletedTask;
    private Task? _nextSave;

    private PushTrackerState S => state.State;

    private string BroadcastId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var r in S.Receipts)
        {
            _recorded.Add((r.Recipient, r.DeviceId, r.Kind));
        }
        _savedReceipts = S.Receipts.Count;
        return Task.CompletedTask;
    }

    public Task Open(PushBroadcast broadcast)
    {
        if (broadcast.BroadcastId != BroadcastId)
        {
            throw new ArgumentException($"Broadcast id '{broadcast.BroadcastId}' does not match the grain key '{BroadcastId}'.");
        }
        if (S.Broadcast is not null)
        {
            return Saved();
        }
        S.Broadcast = broadcast;
        return SaveSoon();
    }

    public Task OnReceipt(PushReceipt receipt)
    {
        if (!PushIds.TrySplit(receipt.PushId, out var broadcastId, out var recipient) || broadcastId != BroadcastId)
        {
            throw new ArgumentException($"Push '{receipt.PushId}' is not one of send '{BroadcastId}'.");
        }
        if (!_recorded.Add((recipient, receipt.DeviceId, receipt.Kind)))
        {
            // Already recorded; it may still be in a save that is running: answer when that one is done.
            return Saved();
        }
        S.Receipts.Add(new TrackedReceipt(recipient, receipt.DeviceId, receipt.Kind, receipt.At));
        return SaveSoon();
    }

    public Task<PushTrack?> Get(string pushId)
    {
        if (S.Broadcast is not { } broadcast
            || !PushIds.TrySplit(pushId, out var broadcastId, out var recipient)
            || broadcastId != BroadcastId
            || recipient >= broadcast.WorkerIds.Count)
        {
            return Task.FromResult<PushTrack?>(null);
        }
        var push = broadcast.PushFor(recipient, this.AsReference<IPushSender>());
        var receipts = S.Receipts.Take(_savedReceipts).Where(r => r.Recipient == recipient)
            .Select(r => new PushReceipt(pushId, push.WorkerId, r.DeviceId, r.Kind, r.At))
            .ToArray();
        return Task.FromResult<PushTrack?>(new PushTrack(push, receipts));
    }

    /// <summary>Completes when what is in the state now is saved (a failed save is tried again).</summary>
    private Task Saved() => _nextSave ?? (_lastSave.IsFaulted ? SaveSoon() : _lastSave);

    /// <summary>The save that will hold every change made before it starts.</summary>
    private Task SaveSoon() => _nextSave ??= SaveAfter(_lastSave);

    private async Task SaveAfter(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // That save's callers heard of its failure; this one writes the whole state again.
        }
        // Waiting (at least a yield) makes sure _nextSave is set before it is cleared here.
        var wait = SaveSpacing - Stopwatch.GetElapsedTime(_lastSaveStarted);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        else
        {
            await Task.Yield();
        }
        _nextSave = null;
        _lastSaveStarted = Stopwatch.GetTimestamp();
        var receiptsInSave = S.Receipts.Count;
        var save = state.WriteStateAsync();
        _lastSave = save;
        await save;
        _savedReceipts = Math.Max(_savedReceipts, receiptsInSave);
    }
}
