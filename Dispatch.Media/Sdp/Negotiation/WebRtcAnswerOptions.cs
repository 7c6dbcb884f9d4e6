using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// What the local ICE-lite, DTLS-SRTP endpoint brings to an answer. Everything random (credentials, session id,
/// SSRCs) is supplied by the caller so that answering stays deterministic and testable.
/// </summary>
public sealed record WebRtcAnswerOptions
{
    /// <summary>RFC 8839 §5.4: ufrag at least 4 ice-chars, password at least 22.</summary>
    public required string IceUfrag { get; init; }

    public required string IcePwd { get; init; }

    /// <summary>The sha-256 fingerprint of our DTLS certificate (RFC 8122 §5).</summary>
    public required Fingerprint Fingerprint { get; init; }

    /// <summary>Our host candidates (RFC 8445 §2.5: an ICE-lite agent has only host candidates).</summary>
    public IReadOnlyList<IceCandidate> Candidates { get; init; } = [];

    /// <summary>The o= session id (RFC 8866 §5.2), a numeric string; keep it across re-answers of one session.</summary>
    public required string SessionId { get; init; }

    public ulong SessionVersion { get; init; } = 1;

    public MediaCapabilities Capabilities { get; init; } = MediaCapabilities.WebRtc;

    /// <summary>What we want to do per media kind; the answer never exceeds what the offer allows (RFC 3264 §6.1).</summary>
    public MediaDirection AudioDirection { get; init; } = MediaDirection.SendRecv;

    public MediaDirection VideoDirection { get; init; } = MediaDirection.SendRecv;

    /// <summary>The RTCP CNAME of our streams (RFC 3550 §6.5.1), written in a=ssrc lines.</summary>
    public string Cname { get; init; } = "dispatch";

    /// <summary>Streams we send, by offered mid; sections without one announce no SSRC (the mid extension still routes).</summary>
    public IReadOnlyDictionary<string, LocalSendStream> SendStreams { get; init; } = new Dictionary<string, LocalSendStream>();
}
