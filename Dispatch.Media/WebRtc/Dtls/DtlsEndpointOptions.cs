namespace Dispatch.Media.WebRtc.Dtls;

public sealed record DtlsEndpointOptions
{
    public static DtlsEndpointOptions Default { get; } = new();

    /// <summary>
    /// Profiles to offer (client) or accept (server), in preference order. RFC 5764 §4.1.1: the client lists
    /// them, the server picks one of the client's.
    /// </summary>
    public IReadOnlyList<DtlsSrtpProfile> SrtpProfiles { get; init; } =
    [
        DtlsSrtpProfile.AesCm128HmacSha1_80,
        DtlsSrtpProfile.AesCm128HmacSha1_32,
        DtlsSrtpProfile.AeadAes128Gcm,
    ];

    /// <summary>Give up on a handshake that has not finished after this long.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>RFC 6347 §4.2.4.1: the first retransmission timer; it doubles on each expiry, up to 60 s.</summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Largest datagram to send. 1200 bytes stays under the IPv6 minimum MTU of 1280 after UDP, IP and TURN
    /// overhead; BouncyCastle fragments handshake messages to fit (RFC 6347 §4.2.3).
    /// </summary>
    public int MaxDatagramSize { get; init; } = 1200;

    /// <summary>Datagrams held for a handshake that has not consumed them yet; the oldest go first.</summary>
    public int InboundQueueLimit { get; init; } = 64;

    /// <summary>Threads that run the blocking BouncyCastle handshakes; see docs/media-dtls.md.</summary>
    public DtlsHandshakeWorkers? Workers { get; init; }
}
