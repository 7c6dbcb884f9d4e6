namespace Dispatch.Media.Sip.Messages.Internal;

/// <summary>Request-Line and Status-Line (RFC 3261 §7.1, §7.2), checked strictly: single SP separators.</summary>
internal static class SipStartLine
{
    public static (SipMessage? Message, SipParseError? Error) Parse(string line)
    {
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return ParseStatusLine(line);
        }
        var parts = line.Split(' ');
        // Exactly "Method SP Request-URI SP SIP-Version": extra, leading or trailing SP is malformed (RFC 4475 §3.1.2.8-10).
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
        {
            return Error(400, "Bad Request - Malformed Request-Line");
        }
        if (!SipSyntax.IsToken(parts[0]))
        {
            return Error(400, "Bad Request - Invalid Method");
        }
        if (CheckVersion(parts[2]) is { } versionError)
        {
            return (null, versionError);
        }
        if (!SipUri.TryParse(parts[1], out var uri))
        {
            return Error(400, "Bad Request - Invalid Request-URI");
        }
        // RFC 3261 §19.1.1 table: the headers component is not allowed in a Request-URI.
        if (uri.Headers is not null)
        {
            return Error(400, "Bad Request - Headers Not Allowed in Request-URI");
        }
        return (new SipRequest(parts[0], uri), null);
    }

    private static (SipMessage?, SipParseError?) ParseStatusLine(string line)
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
        return (new SipResponse((int)status, secondSp < 0 ? "" : rest[(secondSp + 1)..]), null);
    }

    private static SipParseError? CheckVersion(string version)
    {
        if (version.Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var isVersion = version.Length > 4 && version.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase)
            && version[4..].Split('.') is [var major, var minor]
            && SipSyntax.TryParseDigits(major, int.MaxValue, out _) && SipSyntax.TryParseDigits(minor, int.MaxValue, out _);
        // RFC 3261 §21.5.7 (505): a well-formed but other SIP version.
        return isVersion
            ? new SipParseError(505, "Version Not Supported")
            : new SipParseError(400, "Bad Request - Invalid SIP-Version");
    }

    private static (SipMessage?, SipParseError?) Error(int code, string reason) => (null, new SipParseError(code, reason));
}
