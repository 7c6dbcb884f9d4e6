using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// The remote side's ICE and DTLS parameters for the (bundled) transport, and the DTLS role we took:
/// what the ICE-lite agent and the DTLS endpoint need after the answer is sent.
/// </summary>
public sealed record RemoteTransport(
    string IceUfrag,
    string IcePwd,
    Fingerprint Fingerprint,
    SetupRole? RemoteSetup,
    SetupRole LocalSetup,
    bool RemoteIceLite,
    IReadOnlyList<IceCandidate> Candidates);
