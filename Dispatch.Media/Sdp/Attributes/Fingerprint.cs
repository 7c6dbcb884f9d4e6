using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary>
/// <c>a=fingerprint:&lt;hash function&gt; &lt;hex pairs joined by ':'&gt;</c> (RFC 8122 §5), e.g. <c>sha-256 A4:67:...</c>.
/// </summary>
public sealed record Fingerprint(string HashFunction, string Value)
{
    public const string Name = "fingerprint";

    public static bool TryParse(string? value, [NotNullWhen(true)] out Fingerprint? fingerprint)
    {
        fingerprint = null;
        var w = value is null ? [] : SdpTokens.Words(value);
        if (w.Length != 2) return false;
        foreach (var pair in w[1].Split(':'))
        {
            if (pair.Length != 2 || !Uri.IsHexDigit(pair[0]) || !Uri.IsHexDigit(pair[1])) return false;
        }
        fingerprint = new Fingerprint(w[0], w[1]);
        return true;
    }

    /// <summary>RFC 8122 §5: upper-case hex pairs separated by colons.</summary>
    public static Fingerprint FromDigest(string hashFunction, ReadOnlySpan<byte> digest) =>
        new(hashFunction, string.Join(':', digest.ToArray().Select(b => b.ToString("X2"))));

    public byte[] Digest() => Value.Split(':').Select(p => Convert.ToByte(p, 16)).ToArray();

    /// <summary>Hash names compare case-insensitively and hex case is free (RFC 8122 §5).</summary>
    public bool Matches(Fingerprint other) =>
        string.Equals(HashFunction, other.HashFunction, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString() => $"{HashFunction} {Value}";
}
