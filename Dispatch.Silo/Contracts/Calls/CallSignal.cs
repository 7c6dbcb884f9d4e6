namespace Dispatch.Contracts.Calls;

/// <summary>
/// Ephemeral news of a call for one gateway: the hub event to send to some of its connections, and (when
/// <paramref name="MediaDuty"/>) the work its media node must do (stop ringing phones, close legs). The durable
/// truth is the call record; a lost signal is recovered by the ring timeout or by asking for the call.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CallSignal(
    [property: Id(0)] CallSignalKind Kind,
    [property: Id(1)] CallRecord Call,
    [property: Id(2)] IReadOnlyList<string> ConnectionIds,
    [property: Id(3)] bool MediaDuty);
