namespace Dispatch.Media.Sdp.Attributes;

/// <summary>Small lexical checks shared by the attribute views.</summary>
internal static class SdpTokens
{
    /// <summary>RTP payload types are 0-127 (RFC 3550 §5.1).</summary>
    public static bool TryPayloadType(ReadOnlySpan<char> text, out int payloadType) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, null, out payloadType) && payloadType <= 127;

    public static string[] Words(string value) =>
        value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
