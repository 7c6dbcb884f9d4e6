namespace Dispatch.Media.Sdp;

/// <summary>
/// A <c>c=</c> line (RFC 8866 §5.7): <c>nettype addrtype connection-address</c>.
/// The address keeps any multicast <c>/ttl/count</c> suffix as written.
/// </summary>
public sealed record ConnectionData(string NetworkType, string AddressType, string Address)
{
    public static ConnectionData Ip4(string address) => new("IN", "IP4", address);

    public static ConnectionData ForAddress(string address) =>
        new("IN", address.Contains(':') ? "IP6" : "IP4", address);

    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
