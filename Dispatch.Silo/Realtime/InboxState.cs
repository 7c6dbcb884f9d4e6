using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// The persisted inbox of one worker: its newest pushes, and the numbers of the rows that hold the older ones
/// (<see cref="InboxSegment"/>). Rows saved by earlier builds hold every push here; the first save after
/// them moves the older ones into segments.
/// </summary>
[GenerateSerializer]
public sealed class InboxState
{
    /// <summary>The newest pushes, oldest first; at most <see cref="InboxSegment.Capacity"/> once saved.</summary>
    [Id(0)] public List<InboxEntry> Entries { get; set; } = [];

    /// <summary>Receipts of <see cref="Entries"/> saved but perhaps not yet reported to their sender (a crash in between).</summary>
    [Id(1)] public List<PushReceipt> Unreported { get; set; } = [];

    /// <summary>The segments that hold the older pushes, oldest first.</summary>
    [Id(2)] public List<int> Segments { get; set; } = [];

    /// <summary>The number the next segment gets (numbers are not reused while a segment lives).</summary>
    [Id(3)] public int NextSegment { get; set; }
}

/// <summary>One push and every receipt its devices reported.</summary>
[GenerateSerializer]
public sealed class InboxEntry
{
    [Id(0)] public required PushMessage Push { get; init; }

    [Id(1)] public List<PushReceipt> Receipts { get; set; } = [];

    public bool Has(string deviceId, ReceiptKind kind) => Receipts.Any(r => r.DeviceId == deviceId && r.Kind == kind);

    /// <summary>Any receipt from the device means the device has the push.</summary>
    public bool DeliveredTo(string deviceId) => Receipts.Any(r => r.DeviceId == deviceId);

    public bool IsRead => Receipts.Any(r => r.Kind is ReceiptKind.Read or ReceiptKind.Accepted);
}
