using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// One REST send, saved as one row when it is opened. Its receipts are saved apart, in rows of at most
/// <see cref="PushReceiptSegment.Capacity"/> (<see cref="PushTrackerGrain"/>).
/// </summary>
[GenerateSerializer]
public sealed class PushTrackerState
{
    [Id(0)] public PushBroadcast? Broadcast { get; set; }

    /// <summary>
    /// Receipts saved in this row by builds before 2026-11-29 (the whole list rewritten on every save); read, never
    /// written again. In the order recorded.
    /// </summary>
    [Id(1)] public List<TrackedReceipt> Receipts { get; set; } = [];
}

/// <summary>
/// Receipts <c>Capacity × i</c> onwards of a send, in the order recorded: only the last, open segment is rewritten as
/// receipts arrive, so a save costs the same at the 5,000th receipt as at the first.
/// </summary>
[GenerateSerializer]
public sealed class PushReceiptSegment
{
    /// <summary>
    /// Small enough that a segment's encoding stays off the large object heap: the serializer tracks every object it
    /// writes (a receipt and its device id), and its table for 5,000 receipts took 136–591 KiB arrays on every save
    /// (docs/realtime.md, "Pooled pipe blocks and receipts in segments").
    /// </summary>
    public const int Capacity = 512;

    [Id(0)] public List<TrackedReceipt> Receipts { get; set; } = [];

    /// <summary>The row's state name for segment <paramref name="index"/> of the tracker's grain.</summary>
    public static string StateName(int index) => "push-receipts-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A receipt of the push to recipient <see cref="Recipient"/> of the send (worker and push id follow from it).</summary>
[GenerateSerializer, Immutable]
public sealed record TrackedReceipt(
    [property: Id(0)] int Recipient,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] ReceiptKind Kind,
    [property: Id(3)] DateTimeOffset At);
