using System.Diagnostics.CodeAnalysis;
using System.Text;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// A URI as found in a SIP message (RFC 3261 §19.1). <c>sip:</c> and <c>sips:</c> URIs are split into
/// user, password, host, port, parameters and headers, all kept in their escaped form (§19.1.2);
/// any other scheme is kept opaque, so that a request with an unknown scheme can still be answered (416).
/// <code>
///   sip:user:password@host:port;uri-parameters?headers
/// </code>
/// </summary>
public sealed class SipUri
{
    private SipUri(string scheme)
    {
        Scheme = scheme;
    }

    public string Scheme { get; }

    /// <summary>True for sip and sips, whose parts are parsed.</summary>
    public bool IsSip => Scheme is "sip" or "sips";

    /// <summary>Everything after <c>scheme:</c> for a URI of another scheme.</summary>
    public string? Opaque { get; private init; }

    public string? User { get; private init; }

    public string? Password { get; private init; }

    public string Host { get; private init; } = "";

    public int? Port { get; private init; }

    public SipParameters Parameters { get; private init; } = new();

    /// <summary>The raw <c>?name=value&amp;...</c> part without the '?', or null.</summary>
    public string? Headers { get; private init; }

    public static SipUri Create(string scheme, string? user, string host, int? port = null) =>
        new(scheme) { User = user, Host = host, Port = port };

    public static bool TryParse(string text, [NotNullWhen(true)] out SipUri? uri) => TryParse(text.AsSpan(), out uri);

    /// <summary>As <see cref="TryParse(string, out SipUri?)"/> on a slice of a header value: only the parts become strings.</summary>
    internal static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri) =>
        TryRead(text, build: true, out uri) && uri is not null;

    /// <summary>The syntax check of <see cref="TryParse(string, out SipUri?)"/> alone: no URI object, no strings.</summary>
    internal static bool IsValid(ReadOnlySpan<char> text) => TryRead(text, build: false, out _);

    /// <param name="build">False to check only; <paramref name="uri"/> is then null even when the text is valid.</param>
    private static bool TryRead(ReadOnlySpan<char> text, bool build, out SipUri? uri)
    {
        uri = null;
        var colon = text.IndexOf(':');
        if (colon <= 0 || SipSyntax.ContainsWhitespace(text) || !IsScheme(text[..colon]))
        {
            return false;
        }
        var rest = text[(colon + 1)..];
        if (rest.IsEmpty || text.IndexOfAny('<', '>', '"') >= 0)
        {
            return false;
        }
        var schemeText = text[..colon];
        var isSip = schemeText.Equals("sip", StringComparison.OrdinalIgnoreCase) || schemeText.Equals("sips", StringComparison.OrdinalIgnoreCase);
        if (!isSip)
        {
            uri = build ? new SipUri(LowerCaseScheme(schemeText)) { Opaque = rest.ToString() } : null;
            return true;
        }
        return TryParseSip(schemeText, rest, build, out uri);
    }

    /// <summary>The scheme lower-cased (§19.1.1: schemes compare case-insensitively); sip and sips without a new string.</summary>
    private static string LowerCaseScheme(ReadOnlySpan<char> scheme) =>
        scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) ? "sip"
        : scheme.Equals("sips", StringComparison.OrdinalIgnoreCase) ? "sips"
        : scheme.ToString().ToLowerInvariant();

    private static bool TryParseSip(ReadOnlySpan<char> scheme, ReadOnlySpan<char> rest, bool build, out SipUri? uri)
    {
        uri = null;
        string? user = null;
        string? password = null;
        // '@' cannot appear unescaped in host, parameters or headers, so the first one ends the userinfo,
        // which may itself hold ';', '?' and ':' (user-unreserved, §25.1).
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            var pw = userinfo.IndexOf(':');
            var userPart = pw < 0 ? userinfo : userinfo[..pw];
            if (userPart.IsEmpty)
            {
                return false;
            }
            if (build)
            {
                user = userPart.ToString();
                password = pw < 0 ? null : userinfo[(pw + 1)..].ToString();
            }
            rest = rest[(at + 1)..];
        }
        string? headers = null;
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            headers = build ? rest[(q + 1)..].ToString() : null;
            rest = rest[..q];
        }
        var semi = rest.IndexOf(';');
        var hostport = semi < 0 ? rest : rest[..semi];
        if (!TryReadHostPort(hostport, build, out var host, out var port))
        {
            return false;
        }
        var parameters = build ? new SipParameters() : null;
        if (semi >= 0)
        {
            var list = rest[(semi + 1)..];
            while (true)
            {
                var next = list.IndexOf(';');
                var p = next < 0 ? list : list[..next];
                var eq = p.IndexOf('=');
                var name = eq < 0 ? p : p[..eq];
                if (name.IsEmpty || (eq >= 0 && eq == p.Length - 1))
                {
                    return false;
                }
                parameters?.Set(SipTokens.Get(name), eq < 0 ? null : SipTokens.GetValue(p[(eq + 1)..]));
                if (next < 0)
                {
                    break;
                }
                list = list[(next + 1)..];
            }
        }
        uri = build
            ? new SipUri(LowerCaseScheme(scheme))
            {
                User = user, Password = password, Host = host, Port = port, Parameters = parameters!, Headers = headers,
            }
            : null;
        return true;
    }

    /// <summary>hostport = host [ ":" port ]; host = hostname / IPv4address / IPv6reference (§25.1).</summary>
    internal static bool TryParseHostPort(ReadOnlySpan<char> s, out string host, out int? port) => TryReadHostPort(s, build: true, out host, out port);

    /// <param name="build">False to check only: <paramref name="host"/> is then left empty.</param>
    private static bool TryReadHostPort(ReadOnlySpan<char> s, bool build, out string host, out int? port)
    {
        host = "";
        port = null;
        ReadOnlySpan<char> portText = default;
        if (s.StartsWith("["))
        {
            var close = s.IndexOf(']');
            if (close < 0)
            {
                return false;
            }
            host = build ? s[..(close + 1)].ToString() : "";
            var after = s[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    return false;
                }
                portText = after[1..];
                if (portText.IsEmpty)
                {
                    return false;
                }
            }
        }
        else
        {
            var colon = s.IndexOf(':');
            var name = colon < 0 ? s : s[..colon];
            if (name.IsEmpty)
            {
                return false;
            }
            foreach (var c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '.')
                {
                    return false;
                }
            }
            host = build ? name.ToString() : "";
            if (colon >= 0)
            {
                portText = s[(colon + 1)..];
                if (portText.IsEmpty)
                {
                    return false;
                }
            }
        }
        if (!portText.IsEmpty)
        {
            if (!SipSyntax.TryParseDigits(portText, 65535, out var p))
            {
                return false;
            }
            port = (int)p;
        }
        return true;
    }

    private static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (!char.IsAsciiLetter(s[0]))
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Decodes %HH escapes (§19.1.2); an invalid escape is kept literally.</summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('%'))
        {
            return s;
        }
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public override string ToString()
    {
        if (!IsSip)
        {
            return Scheme + ":" + Opaque;
        }
        return AppendTo(new StringBuilder(64)).ToString();
    }

    /// <summary>Writes the URI into a builder the caller is already filling (a name-address), without a string of its own.</summary>
    internal StringBuilder AppendTo(StringBuilder sb)
    {
        if (!IsSip)
        {
            return sb.Append(Scheme).Append(':').Append(Opaque);
        }
        sb.Append(Scheme).Append(':');
        if (User is not null)
        {
            sb.Append(User);
            if (Password is not null)
            {
                sb.Append(':').Append(Password);
            }
            sb.Append('@');
        }
        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port);
        }
        Parameters.AppendTo(sb);
        if (Headers is not null)
        {
            sb.Append('?').Append(Headers);
        }
        return sb;
    }
}
