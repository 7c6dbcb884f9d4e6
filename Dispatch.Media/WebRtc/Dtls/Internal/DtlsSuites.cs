using Org.BouncyCastle.Tls;

namespace Dispatch.Media.WebRtc.Dtls.Internal;

internal static class DtlsSuites
{
    /// <summary>
    /// ECDHE with an ECDSA certificate and AES-GCM only (RFC 8827 §6.5 asks for forward secrecy; RFC 9325
    /// §4.2 recommends AEAD). Chrome, Firefox, Safari and OpenSSL-based peers all offer
    /// TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256. Keeping to GCM gives every protected record the same
    /// minimum size, which <see cref="DtlsRecordInspector"/> relies on.
    /// </summary>
    public static readonly int[] CipherSuites =
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    ];

    /// <summary>
    /// RFC 5288 §3: a GCM record carries an 8-byte explicit nonce and a 16-byte tag around its plaintext.
    /// </summary>
    public const int MinProtectedRecordLength = 8 + 16;

    /// <summary>DTLS 1.2 only (RFC 6347); DTLS 1.0 is deprecated by RFC 8996.</summary>
    public static ProtocolVersion[] Versions => ProtocolVersion.DTLSv12.Only();
}
