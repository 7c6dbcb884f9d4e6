using Org.BouncyCastle.Tls;

namespace Dispatch.Media.WebRtc.Dtls.Internal;

internal static class DtlsSuites
{
    /// <summary>
    /// ECDHE with an ECDSA certificate only, AEAD first (RFC 8827 §6.5 asks for forward secrecy;
    /// RFC 9325 §4.2 recommends AEAD). The CBC suite remains for older peers.
    /// </summary>
    public static readonly int[] CipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    ];

    /// <summary>DTLS 1.2 only (RFC 6347); DTLS 1.0 is deprecated by RFC 8996.</summary>
    public static ProtocolVersion[] Versions => ProtocolVersion.DTLSv12.Only();
}
