using System.Security.Cryptography;

namespace Dispatch.Media.WebRtc.Ice;

/// <summary>
/// An ICE username fragment and password (RFC 8445 §5.3): at least 24 and 128 bits of randomness,
/// i.e. 4 and 22 characters of the ice-char alphabet (RFC 8839 §5.4).
/// </summary>
public sealed record IceCredentials(string Ufrag, string Password)
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static IceCredentials NewRandom() => new(RandomString(8), RandomString(24));

    private static string RandomString(int length) => RandomNumberGenerator.GetString(IceChars, length);
}
