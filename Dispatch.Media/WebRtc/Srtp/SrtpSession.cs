namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// Both directions of a DTLS-SRTP association: <see cref="Outbound"/> protects what we send,
/// <see cref="Inbound"/> unprotects what we receive. Build it from the 2 * (key + salt) bytes the DTLS
/// layer exports with the label "EXTRACTOR-dtls_srtp" (RFC 5764 §4.2).
/// </summary>
public sealed class SrtpSession : IDisposable
{
    public SrtpSession(SrtpContext outbound, SrtpContext inbound)
    {
        Outbound = outbound;
        Inbound = inbound;
    }

    public SrtpContext Outbound { get; }
    public SrtpContext Inbound { get; }

    /// <param name="isDtlsClient">True when we were the DTLS client: we then send with the client_write keys.</param>
    public static SrtpSession FromDtlsKeyingMaterial(SrtpProfile profile, ReadOnlySpan<byte> keyingMaterial, bool isDtlsClient)
    {
        var (client, server) = SrtpKeyingMaterial.Split(profile, keyingMaterial);
        var local = isDtlsClient ? client : server;
        var remote = isDtlsClient ? server : client;
        return new SrtpSession(new SrtpContext(profile, local), new SrtpContext(profile, remote));
    }

    public void Dispose()
    {
        Outbound.Dispose();
        Inbound.Dispose();
    }
}
