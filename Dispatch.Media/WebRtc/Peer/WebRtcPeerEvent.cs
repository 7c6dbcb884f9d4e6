using System.Net;
using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Media.WebRtc.Peer;

/// <summary>What a <see cref="WebRtcPeer"/> reports; drained with <see cref="WebRtcPeer.TryPollEvent"/>.</summary>
public abstract record WebRtcPeerEvent;

/// <summary>DTLS finished and SRTP keys exist: media may flow both ways.</summary>
public sealed record WebRtcPeerConnected(SrtpProfile Profile, IPEndPoint Remote, TimeSpan HandshakeTime) : WebRtcPeerEvent;

/// <summary>The peer is unusable (DTLS failure, consent expiry, close); <paramref name="Reason"/> says why.</summary>
public sealed record WebRtcPeerClosed(string Reason) : WebRtcPeerEvent;
