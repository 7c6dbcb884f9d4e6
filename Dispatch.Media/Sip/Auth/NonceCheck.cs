namespace Dispatch.Media.Sip.Auth;

public enum NonceCheck
{
    Valid,

    /// <summary>Not issued by this server (bad signature or garbage).</summary>
    Unknown,

    /// <summary>Issued here but expired: challenge again with stale=TRUE (RFC 7616 §3.3).</summary>
    Stale,

    /// <summary>The nonce-count did not increase: a replayed request (RFC 7616 §3.4, §5.12).</summary>
    Replayed,
}
