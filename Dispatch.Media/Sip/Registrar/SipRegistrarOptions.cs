namespace Dispatch.Media.Sip.Registrar;

/// <summary>Registrar settings (RFC 3261 §10.2.1.1, §10.3 step 7).</summary>
public sealed record SipRegistrarOptions
{
    /// <summary>The digest realm of every device credential.</summary>
    public string Realm { get; init; } = "dispatch";

    /// <summary>Used when neither the Contact's expires parameter nor an Expires header field is present.</summary>
    public TimeSpan DefaultExpires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>
    /// The digest challenges a 401 offers, most preferred first (RFC 8760 §2.4: SHA-256, then MD5). Clients that read
    /// only the first challenge and know only MD5 (sipp 3.6, older desk phones) need MD5 first.
    /// </summary>
    public IReadOnlyList<Auth.DigestAlgorithm> Algorithms { get; init; } = [Auth.DigestAlgorithm.Sha256, Auth.DigestAlgorithm.Md5];

    /// <summary>Shorter non-zero requests get 423 Interval Too Brief with this as Min-Expires.</summary>
    public TimeSpan MinExpires { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longer requests are shortened to this (the 200 OK says so in each Contact's expires).</summary>
    public TimeSpan MaxExpires { get; init; } = TimeSpan.FromSeconds(7200);

    /// <summary>Bounds the contacts one worker can hold, so one leaked password cannot fill memory.</summary>
    public int MaxBindingsPerWorker { get; init; } = 10;

    /// <summary>How long a digest nonce is good for; a later use gets stale=TRUE and the phone retries silently.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The nonce signing key; null for a random key per process (nonces then do not survive a restart).</summary>
    public byte[]? NonceKey { get; init; }

    /// <summary>
    /// How long a looked-up credential is reused without asking the store again (zero: ask every time). A failed
    /// digest check always asks again; so this bounds only how long a removed device or a replaced password still
    /// registers on this node.
    /// </summary>
    public TimeSpan AccountCacheLifetime { get; init; } = TimeSpan.FromSeconds(10);
}
