using System.Text;

namespace Dispatch.Media.Sip.Messages.Internal;

/// <summary>
/// Reads the header lines after the start line straight from the received bytes: "name HCOLON value" per line,
/// continuation lines joined (RFC 3261 §7.3.1: LWS folding). A name is matched against the known names without
/// becoming a string; only each value does.
/// </summary>
internal static class SipHeaderLines
{
    /// <summary>Names longer than this are unusual enough to be decoded the plain way.</summary>
    private const int StackNameLimit = 64;

    /// <returns>null, or the fault for the 400 reason phrase; the fields read before the fault stay in <paramref name="headers"/>.</returns>
    public static string? Read(ReadOnlySpan<byte> lines, SipHeaders headers)
    {
        string? name = null;
        ReadOnlySpan<byte> value = default;
        StringBuilder? folded = null;
        while (true)
        {
            var end = lines.IndexOf("\r\n"u8);
            var line = end < 0 ? lines : lines[..end];
            if (line.Length > 0 && line[0] is (byte)' ' or (byte)'\t')
            {
                if (name is null)
                {
                    return "Folded Line Before First Header";
                }
                folded ??= new StringBuilder().Append(Encoding.UTF8.GetString(value));
                folded.Append(' ').Append(Encoding.UTF8.GetString(line.Trim(" \t"u8)));
            }
            else
            {
                if (name is not null)
                {
                    headers.AddNormalized(name, Finish(value, folded));
                    folded = null;
                }
                var colon = line.IndexOf((byte)':');
                name = colon < 0 ? null : Name(line[..colon].TrimEnd(" \t"u8));
                if (name is null)
                {
                    return "Malformed Header Line";
                }
                value = line[(colon + 1)..];
            }
            if (end < 0)
            {
                break;
            }
            lines = lines[(end + 2)..];
        }
        if (name is not null)
        {
            headers.AddNormalized(name, Finish(value, folded));
        }
        return null;
    }

    private static string Finish(ReadOnlySpan<byte> value, StringBuilder? folded) =>
        folded is null ? Encoding.UTF8.GetString(value.Trim(" \t"u8)) : folded.ToString().Trim(' ', '\t');

    /// <summary>The canonical name (RFC 3261 §7.3.3 compact forms expanded), or null when it is not a token.</summary>
    private static string? Name(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes.Length > StackNameLimit)
        {
            var text = Encoding.UTF8.GetString(bytes);
            return SipSyntax.IsToken(text) ? SipHeaderNames.Normalize(text) : null;
        }
        Span<char> chars = stackalloc char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            // token characters are ASCII (§25.1): any other byte makes the name malformed.
            if (bytes[i] >= 0x80 || !SipSyntax.IsTokenChar((char)bytes[i]))
            {
                return null;
            }
            chars[i] = (char)bytes[i];
        }
        return SipHeaderNames.Normalize(chars);
    }
}
