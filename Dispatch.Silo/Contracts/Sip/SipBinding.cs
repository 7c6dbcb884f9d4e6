namespace Dispatch.Contracts.Sip;

/// <summary>
/// One registered contact of a worker (RFC 3261 §10.3): where the device can be reached, until when, and the
/// Call-ID / CSeq of the REGISTER that last refreshed it (step 7 orders updates by them).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SipBinding(
    [property: Id(0)] string Contact,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] string CallId,
    [property: Id(3)] long CSeq,
    [property: Id(4)] DateTimeOffset Expires,
    [property: Id(5)] string Source);

/// <summary>A worker's bindings with a version that changes on every write, for compare-and-set updates.</summary>
[GenerateSerializer, Immutable]
public sealed record SipBindingSet(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<SipBinding> Bindings)
{
    public static SipBindingSet Empty { get; } = new(0, []);
}

/// <summary>The outcome of a compare-and-set write: applied or not, and the set as it now stands.</summary>
[GenerateSerializer, Immutable]
public sealed record SipBindingWrite(
    [property: Id(0)] bool Applied,
    [property: Id(1)] SipBindingSet Current);
