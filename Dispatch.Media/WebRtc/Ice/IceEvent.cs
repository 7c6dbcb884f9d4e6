using System.Net;

namespace Dispatch.Media.WebRtc.Ice;

/// <summary>What the ICE-lite responder tells its owner; drained with <see cref="IceLiteResponder.TryPollEvent"/>.</summary>
public abstract record IceEvent;

/// <summary>A connectivity check from this address authenticated for the first time: it may now carry DTLS/SRTP.</summary>
public sealed record IceRemoteValidated(IPEndPoint Remote) : IceEvent;

/// <summary>The controlling agent nominated this address (USE-CANDIDATE, RFC 8445 §7.3.1.5): send media here.</summary>
public sealed record IceRemoteNominated(IPEndPoint Remote) : IceEvent;

/// <summary>No authenticated check for 30 s (RFC 7675 §5.1): stop sending; only an ICE restart revives the session.</summary>
public sealed record IceConsentExpired(IPEndPoint? Remote) : IceEvent;
