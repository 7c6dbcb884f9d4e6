namespace Dispatch.Media.WebRtc.Stun;

/// <summary>
/// CRC-32 of ITU V.42 / ISO 3309 (reflected polynomial 0xEDB88320), the one RFC 8489 §14.7 names for
/// FINGERPRINT. Running form so a patched header and the body can be fed without a copy.
/// </summary>
internal static class StunCrc32
{
    public const uint Initial = 0xFFFFFFFFu;

    private static readonly uint[] Table = BuildTable();

    public static uint Continue(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    public static uint Finish(uint crc) => ~crc;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
