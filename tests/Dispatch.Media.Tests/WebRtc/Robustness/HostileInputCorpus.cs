using System.Buffers.Binary;
using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.Tests.WebRtc.Robustness;

/// <summary>
/// Seeded hostile inputs: every conformance packet (valid and invalid), each truncated at every length,
/// mutated copies of them, random bytes, and random STUN bodies behind a valid header.
/// </summary>
internal static class HostileInputCorpus
{
    public const int Seed = 20261128;
    public const int RandomCount = 4000;
    public const int MutationsPerFile = 200;

    public static IEnumerable<byte[]> ConformancePackets()
    {
        foreach (var folder in new[] { "rtp-rtcp-aiortc", "stun-rfc5769", "stun-browsers" })
        {
            foreach (var file in Directory.EnumerateFiles(ConformanceData.PathOf(folder)))
            {
                if (file.EndsWith(".bin", StringComparison.Ordinal) || file.EndsWith(".stun", StringComparison.Ordinal))
                {
                    yield return File.ReadAllBytes(file);
                }
            }
        }
    }

    public static IEnumerable<byte[]> All()
    {
        var random = new Random(Seed);
        foreach (var packet in ConformancePackets())
        {
            yield return packet;
            for (var n = 0; n < packet.Length; n++)
            {
                yield return packet[..n];
            }
            for (var m = 0; m < MutationsPerFile; m++)
            {
                var copy = packet.ToArray();
                var flips = random.Next(1, 5);
                for (var f = 0; f < flips && copy.Length > 0; f++)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }
                yield return copy;
            }
        }
        for (var i = 0; i < RandomCount; i++)
        {
            var bytes = new byte[random.Next(0, 1500)];
            random.NextBytes(bytes);
            // Steer a quarter of them into each first-byte range the demultiplexer knows.
            if (bytes.Length > 0)
            {
                bytes[0] = (i % 4) switch
                {
                    0 => (byte)random.Next(0, 4),
                    1 => (byte)random.Next(128, 192),
                    2 => (byte)random.Next(20, 64),
                    _ => bytes[0],
                };
            }
            yield return bytes;
        }
        for (var i = 0; i < RandomCount; i++)
        {
            yield return RandomStunBody(random);
        }
    }

    /// <summary>A valid STUN header over a random body of consistent length: exercises the attribute walk.</summary>
    private static byte[] RandomStunBody(Random random)
    {
        var body = random.Next(0, 64) * 4;
        var bytes = new byte[StunHeader.Length + body];
        random.NextBytes(bytes);
        bytes[0] &= 0x01;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)body);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), StunHeader.MagicCookie);
        // Give some attribute headers plausible types and lengths.
        for (var offset = StunHeader.Length; offset + 4 <= bytes.Length; offset += 4 + random.Next(0, 5) * 4)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset), KnownTypes[random.Next(KnownTypes.Length)]);
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset + 2), (ushort)random.Next(0, 24));
        }
        return bytes;
    }

    private static readonly ushort[] KnownTypes =
    [
        StunAttributeType.Username, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint,
        StunAttributeType.XorMappedAddress, StunAttributeType.ErrorCode, StunAttributeType.Priority,
        StunAttributeType.UseCandidate, StunAttributeType.IceControlled, StunAttributeType.IceControlling,
        StunAttributeType.MessageIntegritySha256, StunAttributeType.Software, 0x0033, 0x802F,
    ];
}
