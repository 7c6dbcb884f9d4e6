namespace Dispatch.Media.Sip.Messages.Internal;

/// <summary>
/// Request-Line and Status-Line (RFC 3261 §7.1, §7.2), checked strictly: single SP separators. Read from the decoded
/// line in place: the method comes from <see cref="SipTokens"/>, and only the URI's parts and a reason phrase become strings.
/// </summary>
internal static class SipStartLine
{
    public static bool IsStatusLine(ReadOnlySpan<char> line) => line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase);

    public static (SipMessage? Message, SipParseError? Error) Parse(ReadOnlySpan<char> line)
    {
        if (IsStatusLine(line))
        {
            return ParseStatusLine(line);
        }
        // Exactly "Method SP Request-URI SP SIP-Version": extra, leading or trailing SP is malformed (RFC 4475 §3.1.2.8-10).
        var first = line.IndexOf(' ');
        var last = line.LastIndexOf(' ');
        if (first <= 0 || last <= first + 1 || last == line.Length - 1 || line[(first + 1)..last].Contains(' '))
        {
            return Error(400, "Bad Request - Malformed Request-Line");
        }
        var method = line[..first];
        if (!SipSyntax.IsToken(method))
        {
            return Error(400, "Bad Request - Invalid Method");
        }
        if (CheckVersion(line[(last + 1)..]) is { } versionError)
        {
            return (null, versionError);
        }
        if (!SipUri.TryParse(line[(first + 1)..last], out var uri))
        {
            return Error(400, "Bad Request - Invalid Request-URI");
        }
        // RFC 3261 §19.1.1 table: the headers component is not allowed in a Request-URI.
        if (uri.Headers is not null)
        {
            return Error(400, "Bad Request - Headers Not Allowed in Request-URI");
        }
        return (new SipRequest(SipTokens.Get(method), uri), null);
    }

    private static (SipMessage?, SipParseError?) ParseStatusLine(ReadOnlySpan<char> line)
    {
        var firstSp = line.IndexOf(' ');
        if (firstSp < 0 || CheckVersion(line[..firstSp]) is not null)
        {
            return Error(400, "Bad Request - Malformed Status-Line");
        }
        var rest = line[(firstSp + 1)..];
        var secondSp = rest.IndexOf(' ');
        var code = secondSp < 0 ? rest : rest[..secondSp];
        // Status-Code = 3DIGIT, 100-699 (§7.2, §21).
        if (code.Length != 3 || !SipSyntax.TryParseDigits(code, 699, out var status) || status < 100)
        {
            return Error(400, "Bad Request - Invalid Status-Code");
        }
        return (new SipResponse((int)status, secondSp < 0 ? "" : rest[(secondSp + 1)..].ToString()), null);
    }

    private static SipParseError? CheckVersion(ReadOnlySpan<char> version)
    {
        if (version.Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var numbers = version.Length > 4 && version.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) ? version[4..] : default;
        var dot = numbers.IndexOf('.');
        var isVersion = dot >= 0 && numbers.Count('.') == 1
            && SipSyntax.TryParseDigits(numbers[..dot], int.MaxValue, out _) && SipSyntax.TryParseDigits(numbers[(dot + 1)..], int.MaxValue, out _);
        // RFC 3261 §21.5.7 (505): a well-formed but other SIP version.
        return isVersion
            ? new SipParseError(505, "Version Not Supported")
            : new SipParseError(400, "Bad Request - Invalid SIP-Version");
    }

    private static (SipMessage?, SipParseError?) Error(int code, string reason) => (null, new SipParseError(code, reason));
}
