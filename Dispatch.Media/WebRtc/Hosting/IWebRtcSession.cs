using System.Net;
using Dispatch.Media.WebRtc.Peer;

namespace Dispatch.Media.WebRtc.Hosting;

/// <summary>
/// Anything <see cref="WebRtcUdpHost"/> can carry on its one port: an echo session, a call leg. Each wraps one
/// <see cref="WebRtcPeer"/> and is sans-I/O: the host feeds datagrams and ticks, and sends what it polls.
/// </summary>
public interface IWebRtcSession : IDisposable
{
    WebRtcPeer Peer { get; }

    /// <summary>Our ICE ufrag: STUN checks are routed by it (RFC 8445 §7.3).</summary>
    string LocalUfrag { get; }

    /// <summary>When the answer was made; the host drops a session that has not connected within its bound.</summary>
    DateTimeOffset CreatedAt { get; }

    /// <summary>Short words for logs, e.g. "echo" or "call 42 leg caller".</summary>
    string Description { get; }

    /// <summary>
    /// Raised when the session queued datagrams outside <see cref="HandleDatagram"/> and <see cref="HandleTimeout"/>
    /// (media forwarded to it from another session): the host flushes it at once.
    /// </summary>
    event Action<IWebRtcSession>? TransmitPending;

    void HandleDatagram(Span<byte> datagram, IPEndPoint from);

    void HandleTimeout();

    bool TryPollTransmit(out PeerDatagram datagram);

    bool TryPollEvent(out WebRtcPeerEvent? peerEvent);

    /// <summary>The host has removed the session (closed by the peer, failed, never connected, or asked to); called once, before <see cref="IDisposable.Dispose"/>.</summary>
    void OnRemoved(string reason);
}
