using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>One REST send and the receipts of all its pushes, saved as one row.</summary>
[GenerateSerializer]
public sealed class PushTrackerState
{
    [Id(0)] public PushBroadcast? Broadcast { get; set; }

    /// <summary>In the order recorded.</summary>
    [Id(1)] public List<TrackedReceipt> Receipts { get; set; } = [];
}

/// <summary>A receipt of the push to recipient <see cref="Recipient"/> of the send (worker and push id follow from it).</summary>
[GenerateSerializer, Immutable]
public sealed record TrackedReceipt(
    [property: Id(0)] int Recipient,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] ReceiptKind Kind,
    [property: Id(3)] DateTimeOffset At);
