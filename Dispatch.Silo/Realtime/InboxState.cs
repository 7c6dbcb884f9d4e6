using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>The persisted inbox of one worker.</summary>
[GenerateSerializer]
public sealed class InboxState
{
    /// <summary>Oldest first.</summary>
    [Id(0)] public List<InboxEntry> Entries { get; set; } = [];

    /// <summary>Receipts saved but perhaps not yet reported to their sender (a crash in between).</summary>
    [Id(1)] public List<PushReceipt> Unreported { get; set; } = [];
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
