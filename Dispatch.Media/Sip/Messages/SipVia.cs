using System.Diagnostics.CodeAnalysis;
using System.Text;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>
/// One Via value (RFC 3261 §20.42): <c>SIP/2.0/UDP host:port;branch=z9hG4bK...;received=...;rport</c>.
/// LWS is allowed around '/', ':', ';' and '=' (§25.1 SLASH, COLON, SEMI, EQUAL).
/// </summary>
public sealed class SipVia
{
    /// <summary>RFC 3261 §8.1.1.7: the branch of an RFC 3261 element starts with this magic cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, string? branch)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = new SipParameters();
        if (branch is not null)
        {
            Parameters.Set("branch", branch);
        }
    }

    public string ProtocolName { get; private init; } = "SIP";

    public string ProtocolVersion { get; private init; } = "2.0";

    /// <summary>UDP, TCP, TLS, SCTP, WS or any other token, upper-cased.</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; private init; }

    public string? Branch => Parameters["branch"];

    /// <summary>True when the branch carries the RFC 3261 magic cookie and more (§17.2.3).</summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public string? Received => Parameters["received"];

    public bool HasRport => Parameters.Contains("rport");

    /// <summary>sent-by as "host:port", used in server transaction matching (§17.2.3).</summary>
    public string SentBy => Port is { } p ? $"{Host}:{p}" : Host;

    public static bool TryParseList(string value, List<SipVia> into)
    {
        foreach (var part in SipSyntax.SplitList(value))
        {
            if (!TryParse(part, out var via))
            {
                return false;
            }
            into.Add(via);
        }
        return true;
    }

    public static bool TryParse(string value, [NotNullWhen(true)] out SipVia? via)
    {
        via = null;
        var s = value.AsSpan();
        var i = 0;
        if (!ReadToken(s, ref i, out var name) || !Expect(s, ref i, '/')
            || !ReadToken(s, ref i, out var version) || !Expect(s, ref i, '/')
            || !ReadToken(s, ref i, out var transport))
        {
            return false;
        }
        var hostStart = SipSyntax.SkipWhitespace(s, i);
        if (hostStart == i)
        {
            return false;
        }
        var hostEnd = hostStart;
        while (hostEnd < s.Length && s[hostEnd] != ';' && !SipSyntax.IsWhitespace(s[hostEnd]))
        {
            hostEnd++;
        }
        // sent-by = host [ COLON port ]: allow "host : port" (only then is sent-by not one slice of the value).
        var j = SipSyntax.SkipWhitespace(s, hostEnd);
        ReadOnlySpan<char> sentBy = s[hostStart..hostEnd];
        if (j < s.Length && s[j] == ':' && !sentBy.Contains(':'))
        {
            var portStart = SipSyntax.SkipWhitespace(s, j + 1);
            var portEnd = portStart;
            while (portEnd < s.Length && char.IsAsciiDigit(s[portEnd]))
            {
                portEnd++;
            }
            sentBy = string.Concat(sentBy, ":", s[portStart..portEnd]);
            hostEnd = portEnd;
        }
        if (!SipUri.TryParseHostPort(sentBy, out var host, out var port)
            || !SipParameters.TryParseHeaderParameters(s, hostEnd, out var parameters))
        {
            return false;
        }
        if (parameters["rport"] is { } rport && !SipSyntax.TryParseDigits(rport, 65535, out _))
        {
            return false;
        }
        via = new SipVia(UpperCase(transport), host, port, null)
        {
            ProtocolName = SipTokens.Get(name), ProtocolVersion = SipTokens.Get(version), Parameters = parameters,
        };
        return true;
    }

    /// <summary>The transport token upper-cased; the usual ones (UDP, TCP, TLS, WS…) without a new string.</summary>
    private static string UpperCase(ReadOnlySpan<char> token)
    {
        Span<char> upper = token.Length <= 16 ? stackalloc char[token.Length] : new char[token.Length];
        token.ToUpperInvariant(upper);
        return SipTokens.Get(upper);
    }

    private static bool ReadToken(ReadOnlySpan<char> s, ref int i, out ReadOnlySpan<char> token)
    {
        i = SipSyntax.SkipWhitespace(s, i);
        var start = i;
        while (i < s.Length && SipSyntax.IsTokenChar(s[i]))
        {
            i++;
        }
        token = s[start..i];
        return i > start;
    }

    private static bool Expect(ReadOnlySpan<char> s, ref int i, char c)
    {
        i = SipSyntax.SkipWhitespace(s, i);
        if (i < s.Length && s[i] == c)
        {
            i++;
            return true;
        }
        return false;
    }

    public override string ToString()
    {
        // One chunk for a typical Via with branch, rport and received; sent-by appended in parts (no string of its own).
        var sb = new StringBuilder(128).Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/')
            .Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port);
        }
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
