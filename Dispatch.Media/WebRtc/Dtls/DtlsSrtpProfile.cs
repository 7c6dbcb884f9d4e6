namespace Dispatch.Media.WebRtc.Dtls;

/// <summary>
/// SRTP protection profiles negotiated by the DTLS use_srtp extension, valued as on the wire
/// (RFC 5764 §4.1.2; the GCM profile from RFC 7714 §14.2).
/// </summary>
public enum DtlsSrtpProfile
{
    AesCm128HmacSha1_80 = 0x0001,
    AesCm128HmacSha1_32 = 0x0002,
    AeadAes128Gcm = 0x0007,
}

public static class DtlsSrtpProfileSizes
{
    /// <summary>Master key length in bytes: 128 bits for all three profiles.</summary>
    public static int MasterKeyLength(this DtlsSrtpProfile profile) => profile switch
    {
        DtlsSrtpProfile.AesCm128HmacSha1_80 or DtlsSrtpProfile.AesCm128HmacSha1_32
            or DtlsSrtpProfile.AeadAes128Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown SRTP protection profile."),
    };

    /// <summary>
    /// Master salt length in bytes: 112 bits for AES-CM (RFC 5764 §4.1.2),
    /// 96 bits for AEAD_AES_128_GCM (RFC 7714 §12).
    /// </summary>
    public static int MasterSaltLength(this DtlsSrtpProfile profile) => profile switch
    {
        DtlsSrtpProfile.AesCm128HmacSha1_80 or DtlsSrtpProfile.AesCm128HmacSha1_32 => 14,
        DtlsSrtpProfile.AeadAes128Gcm => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown SRTP protection profile."),
    };

    /// <summary>The SDP-style name, e.g. <c>SRTP_AES128_CM_HMAC_SHA1_80</c>, for logs and error messages.</summary>
    public static string WireName(this DtlsSrtpProfile profile) => profile switch
    {
        DtlsSrtpProfile.AesCm128HmacSha1_80 => "SRTP_AES128_CM_HMAC_SHA1_80",
        DtlsSrtpProfile.AesCm128HmacSha1_32 => "SRTP_AES128_CM_HMAC_SHA1_32",
        DtlsSrtpProfile.AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        _ => $"0x{(int)profile:X4}",
    };
}
