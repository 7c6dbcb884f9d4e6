namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>Session keys of one stream kind (SRTP or SRTCP) derived per RFC 3711 §4.3.</summary>
public sealed record SrtpSessionKeys(byte[] CipherKey, byte[] Salt, byte[] AuthKey)
{
    public static (SrtpSessionKeys Rtp, SrtpSessionKeys Rtcp) Derive(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        var p = SrtpProfileParameters.Of(profile);
        if (masterKey.Length != p.KeyLength || masterSalt.Length != p.SaltLength)
        {
            throw new ArgumentException($"{profile} needs a {p.KeyLength}-byte key and a {p.SaltLength}-byte salt.");
        }
        var authLength = p.IsAead ? 0 : SrtpProfileParameters.AuthKeyLength;
        var rtp = new SrtpSessionKeys(
            SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpEncryption, p.KeyLength),
            SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpSalt, p.SaltLength),
            SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpAuthentication, authLength));
        var rtcp = new SrtpSessionKeys(
            SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpEncryption, p.KeyLength),
            SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpSalt, p.SaltLength),
            SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpAuthentication, authLength));
        return (rtp, rtcp);
    }
}
