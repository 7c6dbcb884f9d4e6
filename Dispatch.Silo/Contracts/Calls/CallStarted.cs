namespace Dispatch.Contracts.Calls;

/// <summary>The answer to <see cref="ICallGrain.Start"/>.</summary>
/// <param name="Call">The record as it stands: ringing, or already ended (busy, nobody reachable).</param>
/// <param name="SipUsername">When the ringing worker has registered phones: the username to fork the INVITE to.</param>
[GenerateSerializer, Immutable]
public sealed record CallStarted(
    [property: Id(0)] CallRecord Call,
    [property: Id(1)] string? SipUsername);
