using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Dispatch.Media.WebRtc.Stun;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 8489 §14.5, HMAC-SHA1, 20 bytes), MESSAGE-INTEGRITY-SHA256 (§14.6, truncated
/// to 16-32 bytes) and FINGERPRINT (§14.7, CRC-32 XOR 0x5354554e).
/// Each covers the message up to its own attribute, with the header length field rewritten as if the
/// message ended right after that attribute.
/// </summary>
public static class StunIntegrity
{
    public const int Sha1Length = 20;
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>HMAC-SHA1 over <paramref name="message"/>[..attributeOffset] with the patched length.</summary>
    public static void ComputeSha1(ReadOnlySpan<byte> message, int attributeOffset, ReadOnlySpan<byte> key, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);
        AppendPatched(hmac, message, attributeOffset, Sha1Length);
        hmac.GetHashAndReset(mac);
    }

    public static bool VerifySha1(ReadOnlySpan<byte> message, int attributeOffset, ReadOnlySpan<byte> received, ReadOnlySpan<byte> key)
    {
        if (received.Length != Sha1Length)
        {
            return false;
        }
        Span<byte> mac = stackalloc byte[Sha1Length];
        ComputeSha1(message, attributeOffset, key, mac);
        return CryptographicOperations.FixedTimeEquals(mac, received);
    }

    public static bool VerifySha256(ReadOnlySpan<byte> message, int attributeOffset, ReadOnlySpan<byte> received, ReadOnlySpan<byte> key)
    {
        // RFC 8489 §14.6: at least 16 bytes, at most 32, a multiple of four.
        if (received.Length is < 16 or > 32 || received.Length % 4 != 0)
        {
            return false;
        }
        Span<byte> mac = stackalloc byte[32];
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        AppendPatched(hmac, message, attributeOffset, received.Length);
        hmac.GetHashAndReset(mac);
        return CryptographicOperations.FixedTimeEquals(mac[..received.Length], received);
    }

    public static uint ComputeFingerprint(ReadOnlySpan<byte> message, int attributeOffset)
    {
        Span<byte> header = stackalloc byte[StunHeader.Length];
        message[..StunHeader.Length].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(attributeOffset + 8 - StunHeader.Length));
        var crc = StunCrc32.Continue(StunCrc32.Initial, header);
        crc = StunCrc32.Continue(crc, message[StunHeader.Length..attributeOffset]);
        return StunCrc32.Finish(crc) ^ FingerprintXor;
    }

    private static void AppendPatched(IncrementalHash hmac, ReadOnlySpan<byte> message, int attributeOffset, int macLength)
    {
        Span<byte> header = stackalloc byte[StunHeader.Length];
        message[..StunHeader.Length].CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(attributeOffset + 4 + macLength - StunHeader.Length));
        hmac.AppendData(header);
        hmac.AppendData(message[StunHeader.Length..attributeOffset]);
    }
}
