using System.Buffers.Binary;
using System.Net;
using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.WebRtc.Ice;

/// <summary>
/// Routes datagrams of one shared UDP port to WebRTC endpoints: STUN by the local ufrag before the colon
/// in USERNAME (RFC 8445 §7.3), everything else by the remote address that a check has validated.
/// <code>
///  datagram --Classify--> STUN?  --USERNAME "ufrag:..."--> endpoint (by ufrag)
///                         other  --remote address-------> endpoint (bound after a valid check)
/// </code>
/// Lookups allocate nothing. Not thread-safe: one receive loop owns it.
/// </summary>
public sealed class WebRtcEndpointRegistry<TEndpoint> where TEndpoint : class
{
    private readonly Dictionary<string, TEndpoint> _byUfrag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TEndpoint>.AlternateLookup<ReadOnlySpan<char>> _byUfragSpan;
    private readonly Dictionary<IPEndPoint, TEndpoint> _byRemote = [];

    public WebRtcEndpointRegistry() => _byUfragSpan = _byUfrag.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _byUfrag.Count;

    public void Register(string localUfrag, TEndpoint endpoint) => _byUfrag[localUfrag] = endpoint;

    /// <summary>After an ICE restart: route the new ufrag here and forget the old one.</summary>
    public void ChangeUfrag(string oldUfrag, string newUfrag, TEndpoint endpoint)
    {
        _byUfrag.Remove(oldUfrag);
        _byUfrag[newUfrag] = endpoint;
    }

    /// <summary>Call on <see cref="IceRemoteValidated"/>: non-STUN traffic from <paramref name="remote"/> goes to the endpoint.</summary>
    public void BindRemote(IPEndPoint remote, TEndpoint endpoint) => _byRemote[remote] = endpoint;

    public void Unregister(TEndpoint endpoint)
    {
        foreach (var (ufrag, e) in _byUfrag.ToArray())
        {
            if (ReferenceEquals(e, endpoint))
            {
                _byUfrag.Remove(ufrag);
            }
        }
        foreach (var (remote, e) in _byRemote.ToArray())
        {
            if (ReferenceEquals(e, endpoint))
            {
                _byRemote.Remove(remote);
            }
        }
    }

    /// <summary>The endpoint a datagram belongs to, or null to drop it.</summary>
    public TEndpoint? Route(ReadOnlySpan<byte> datagram, IPEndPoint remote, out PacketKind kind)
    {
        kind = PacketDemultiplexer.Classify(datagram);
        if (kind == PacketKind.Unknown)
        {
            return null;
        }
        if (kind == PacketKind.Stun)
        {
            Span<char> ufrag = stackalloc char[MaxUfragLength];
            var length = ReadLocalUfrag(datagram, ufrag);
            if (length > 0 && _byUfragSpan.TryGetValue(ufrag[..length], out var byUfrag))
            {
                return byUfrag;
            }
        }
        return _byRemote.GetValueOrDefault(remote);
    }

    /// <summary>RFC 8839 §5.4 allows up to 256 ice-chars in a ufrag.</summary>
    private const int MaxUfragLength = 256;

    /// <summary>
    /// Finds USERNAME and copies the part before ':' into <paramref name="ufrag"/> without a full parse
    /// (ice-chars are ASCII). Returns its length, or 0 if there is none.
    /// </summary>
    private static int ReadLocalUfrag(ReadOnlySpan<byte> datagram, Span<char> ufrag)
    {
        if (!StunHeader.LooksLikeStun(datagram))
        {
            return 0;
        }
        var offset = StunHeader.Length;
        while (offset + 4 <= datagram.Length)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            if (offset + 4 + length > datagram.Length)
            {
                return 0;
            }
            if (type == StunAttributeType.Username)
            {
                var value = datagram.Slice(offset + 4, length);
                var colon = value.IndexOf((byte)':');
                if (colon <= 0 || colon > ufrag.Length)
                {
                    return 0;
                }
                for (var i = 0; i < colon; i++)
                {
                    ufrag[i] = (char)value[i];
                }
                return colon;
            }
            offset += 4 + StunMessage.Padded(length);
        }
        return 0;
    }
}
