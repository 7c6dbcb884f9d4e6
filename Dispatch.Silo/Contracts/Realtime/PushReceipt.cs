namespace Dispatch.Contracts.Realtime;

/// <summary>One acknowledgement by one device, as reported back to the push's sender.</summary>
[GenerateSerializer, Immutable]
public sealed record PushReceipt(
    [property: Id(0)] string PushId,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] string DeviceId,
    [property: Id(3)] ReceiptKind Kind,
    [property: Id(4)] DateTimeOffset At);
