namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// SRTP protection profiles, numbered as in the DTLS use_srtp registry (RFC 5764 §4.1.2, RFC 7714 §14.2).
/// </summary>
public enum SrtpProfile : ushort
{
    AesCm128HmacSha1_80 = 0x0001,
    AesCm128HmacSha1_32 = 0x0002,
    AeadAes128Gcm = 0x0007,
    AeadAes256Gcm = 0x0008,
    /// <summary>RFC 6188; not in the DTLS registry, offered for SDES peers and the RFC 6188 vectors.</summary>
    AesCm256HmacSha1_80 = 0xFF01,
}

/// <summary>Key sizes and tag lengths of a profile.</summary>
public readonly record struct SrtpProfileParameters(int KeyLength, int SaltLength, int RtpTagLength, int RtcpTagLength, bool IsAead)
{
    /// <summary>HMAC-SHA1 key length (RFC 3711 §4.2.1: n_a = 160).</summary>
    public const int AuthKeyLength = 20;

    /// <summary>Bytes protect adds to an RTP packet.</summary>
    public int RtpOverhead => RtpTagLength;

    /// <summary>Bytes protect adds to an RTCP packet: the E flag and SRTCP index (RFC 3711 §3.4) and the tag.</summary>
    public int RtcpOverhead => 4 + RtcpTagLength;

    public static SrtpProfileParameters Of(SrtpProfile profile) => profile switch
    {
        SrtpProfile.AesCm128HmacSha1_80 => new(16, 14, 10, 10, false),
        // RFC 5764 §4.1.2: the _32 profile still uses an 80-bit tag on SRTCP.
        SrtpProfile.AesCm128HmacSha1_32 => new(16, 14, 4, 10, false),
        SrtpProfile.AesCm256HmacSha1_80 => new(32, 14, 10, 10, false),
        // RFC 7714 §12: 96-bit salt, 128-bit tag on both.
        SrtpProfile.AeadAes128Gcm => new(16, 12, 16, 16, true),
        SrtpProfile.AeadAes256Gcm => new(32, 12, 16, 16, true),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unsupported SRTP profile."),
    };
}
