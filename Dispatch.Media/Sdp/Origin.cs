namespace Dispatch.Media.Sdp;

/// <summary>
/// The <c>o=</c> line (RFC 8866 §5.2): <c>username sess-id sess-version nettype addrtype unicast-address</c>.
/// The session id is kept as text: RFC 8866 only asks for a numeric string, and some peers exceed 64 bits.
/// </summary>
public sealed record Origin(
    string Username,
    string SessionId,
    ulong SessionVersion,
    string NetworkType,
    string AddressType,
    string Address)
{
    public override string ToString() =>
        $"{Username} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";
}
