using Dispatch.Contracts.Realtime;
using System.Diagnostics;
using Orleans.Concurrency;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// The sender of one REST send: it keeps the receipts of all its pushes for whoever asks. A broadcast's
/// receipts arrive by the thousand within seconds, so saves are grouped and spaced: every receipt that arrives
/// while a save runs (or within <see cref="SaveSpacing"/> of the last one) joins the next save. Each caller is
/// answered once the save that holds its receipt is done (an inbox forgets a receipt as unreported only then), and
/// <see cref="Get"/> shows saved receipts only.
/// <code>
///   Open ──► the send's row (written once)
///   OnReceipt ×n ──► add to the open segment ──► await the next save ──(that segment's row only)──► answered
/// </code>
/// Receipts are saved in rows of <see cref="PushReceiptSegment.Capacity"/>: until 2026-11-29 the whole send with
/// all its receipts was one row, rewritten on every save, so the saves of a 5,000-recipient send grew to 275 KiB
/// each and grew the large object heap 5–7 MiB per send, whose budget then started a gen2 collection that
/// paused the gateway 430–620 ms in the middle of a later send (docs/realtime.md, "Pooled pipe blocks and receipts in segments").
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

    /// <summary>Receipts kept in segments, in the order recorded; segment i holds Capacity × i onwards.</summary>
    private readonly List<TrackedReceipt> _receipts = [];

    /// <summary>Each segment's row, for its etag; the last one is the one still filling.</summary>
    private readonly List<GrainState<PushReceiptSegment>> _segments = [];

    private IGrainStorage _storage = null!;
    private int _savedReceipts;
    private bool _sendUnsaved;
    private long _lastSaveStarted;
    private Task _lastSave = Task.CompletedTask;
    private Task? _nextSave;

    private PushTrackerState S => state.State;

    private string BroadcastId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        foreach (var r in S.Receipts)
        {
            _recorded.Add((r.Recipient, r.DeviceId, r.Kind));
        }
        // Segments are written in order and never removed, so the first one missing ends the list.
        while (true)
        {
            var segment = new GrainState<PushReceiptSegment>(new PushReceiptSegment());
            await _storage.ReadStateAsync(PushReceiptSegment.StateName(_segments.Count), this.GetGrainId(), segment);
            if (!segment.RecordExists)
            {
                break;
            }
            _segments.Add(segment);
            foreach (var r in segment.State?.Receipts ?? [])
            {
                _recorded.Add((r.Recipient, r.DeviceId, r.Kind));
                _receipts.Add(r);
            }
        }
        _savedReceipts = _receipts.Count;
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
        // One receipt per recipient is the usual end: grow the set once, not by doubling while receipts arrive.
        _recorded.EnsureCapacity(broadcast.WorkerIds.Count);
        _sendUnsaved = true;
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
        _receipts.Add(new TrackedReceipt(recipient, receipt.DeviceId, receipt.Kind, receipt.At));
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
        var receipts = S.Receipts.Concat(_receipts.Take(_savedReceipts)).Where(r => r.Recipient == recipient)
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
            // That save's callers heard of its failure; this one writes what is still unsaved.
        }
        // Waiting (at least a yield) makes sure _nextSave is set before it is cleared here. Task.Delay counts whole
        // milliseconds: under 1 ms it returns a completed task, the save then started before SaveSoon stored it, and
        // every later receipt joined that running save without being in it (answered, never saved; a flaky
        // PushTrackerTests found it). So a delay only from 1 ms up.
        var wait = SaveSpacing - Stopwatch.GetElapsedTime(_lastSaveStarted);
        if (wait >= TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait);
        }
        else
        {
            await Task.Yield();
        }
        _nextSave = null;
        _lastSaveStarted = Stopwatch.GetTimestamp();
        var save = Write();
        _lastSave = save;
        await save;
    }

    /// <summary>The send's row if it is new, and every segment that gained receipts since the last save, together.</summary>
    private async Task Write()
    {
        var receiptsInSave = _receipts.Count;
        var writes = new List<Task>(2);
        if (_sendUnsaved)
        {
            _sendUnsaved = false;
            writes.Add(WriteSend());
        }
        for (var index = _savedReceipts / PushReceiptSegment.Capacity; index * PushReceiptSegment.Capacity < receiptsInSave; index++)
        {
            writes.Add(WriteSegment(index, receiptsInSave));
        }
        await Task.WhenAll(writes);
        _savedReceipts = Math.Max(_savedReceipts, receiptsInSave);
    }

    private async Task WriteSend()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            _sendUnsaved = true;
            throw;
        }
    }

    private Task WriteSegment(int index, int receiptsInSave)
    {
        if (index == _segments.Count)
        {
            _segments.Add(new GrainState<PushReceiptSegment>(new PushReceiptSegment()));
        }
        var segment = _segments[index];
        var first = index * PushReceiptSegment.Capacity;
        segment.State = new PushReceiptSegment
        {
            Receipts = _receipts.GetRange(first, Math.Min(PushReceiptSegment.Capacity, receiptsInSave - first)),
        };
        return _storage.WriteStateAsync(PushReceiptSegment.StateName(index), this.GetGrainId(), segment);
    }
}
