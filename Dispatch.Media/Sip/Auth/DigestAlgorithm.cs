namespace Dispatch.Media.Sip.Auth;

/// <summary>Digest hash algorithms offered to SIP clients (RFC 8760 §2: SHA-256 preferred, MD5 for older phones).</summary>
public enum DigestAlgorithm
{
    Md5,
    Sha256,
}

public static class DigestAlgorithmNames
{
    public static string ToToken(this DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    /// <summary>RFC 7616 §3.3: an absent algorithm means MD5. Session variants are not offered, so not accepted.</summary>
    public static bool TryParse(string? token, out DigestAlgorithm algorithm)
    {
        algorithm = DigestAlgorithm.Md5;
        if (token is null || token.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        algorithm = DigestAlgorithm.Sha256;
        return token.Equals("SHA-256", StringComparison.OrdinalIgnoreCase);
    }
}
