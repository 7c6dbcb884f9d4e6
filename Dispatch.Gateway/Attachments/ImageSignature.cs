namespace Dispatch.Gateway.Attachments;

/// <summary>The first bytes each allowed image type starts with, so a declared type cannot hide another file.</summary>
internal static class ImageSignature
{
    public static bool Matches(string contentType, ReadOnlySpan<byte> head) => contentType switch
    {
        // JPEG: SOI marker and the start of the next marker (ITU T.81 B.1.1.2).
        "image/jpeg" => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF,
        // PNG signature (RFC 2083 §3.1).
        "image/png" => head.Length >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        // WebP: a RIFF container whose form type is WEBP.
        "image/webp" => head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8),
        _ => false,
    };

    public static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".bin",
    };
}
