using System.Globalization;

namespace Dispatch.Media.Sdp;

/// <summary>
/// Reads SDP text (RFC 8866 §5) into a <see cref="SessionDescription"/>. Accepts CRLF or bare LF line ends
/// (§5: "parsers SHOULD be tolerant and also accept records terminated with a single newline"), skips blank
/// lines, and keeps every attribute verbatim. Never throws: a malformed body yields an
/// <see cref="SdpParseError"/> naming the line and what is wrong with it.
/// </summary>
public static class SdpParser
{
    public static SdpParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return SdpParseResult.Failure(0, null, "the SDP body is empty");

        var sdp = new SessionDescription();
        MediaDescription? media = null;
        bool seenVersion = false, seenOrigin = false, seenName = false;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var number = index + 1;
            var line = lines[index].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;

            if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
                return Fail(number, line, "expected '<type>=<value>' with a single lower-case type letter (RFC 8866 §5)");
            var type = line[0];
            var value = line[2..];

            if (!seenVersion)
            {
                if (type != 'v') return Fail(number, line, "missing v= line: an SDP body must start with v=0 (RFC 8866 §5.1)");
                if (value.Trim() != "0") return Fail(number, line, "unsupported SDP version; only v=0 exists (RFC 8866 §5.1)");
                seenVersion = true;
                continue;
            }

            string? error = media is null
                ? SessionLine(sdp, type, value, ref seenOrigin, ref seenName)
                : MediaLine(media, type, value);
            if (error == NewMedia)
            {
                if (!TryMediaLine(value, out media, out error)) return Fail(number, line, error);
                sdp.Media.Add(media);
                continue;
            }
            if (error is not null) return Fail(number, line, error);
        }

        if (!seenVersion) return SdpParseResult.Failure(0, null, "missing v= line (RFC 8866 §5.1)");
        if (!seenOrigin) return SdpParseResult.Failure(0, null, "missing o= line (RFC 8866 §5.2)");
        if (!seenName) return SdpParseResult.Failure(0, null, "missing s= line (RFC 8866 §5.3)");
        return SdpParseResult.Success(sdp);
    }

    private const string NewMedia = "\0m";

    private static SdpParseResult Fail(int number, string line, string reason) => SdpParseResult.Failure(number, line, reason);

    private static string? SessionLine(SessionDescription sdp, char type, string value, ref bool seenOrigin, ref bool seenName)
    {
        switch (type)
        {
            case 'v':
                return "a second v= line";
            case 'o':
                if (seenOrigin) return "a second o= line";
                seenOrigin = true;
                return TryOrigin(value, sdp);
            case 's':
                if (seenName) return "a second s= line";
                seenName = true;
                // RFC 8866 §5.3 asks for a single space when there is no name; some peers send "s=".
                sdp.SessionName = value;
                return null;
            case 'i': sdp.Information = value; return null;
            case 'u': sdp.Uri = value; return null;
            case 'e': sdp.Emails.Add(value); return null;
            case 'p': sdp.Phones.Add(value); return null;
            case 'c':
                if (!TryConnection(value, out var c)) return BadConnection;
                sdp.Connection = c;
                return null;
            case 'b':
                if (!TryBandwidth(value, out var b)) return BadBandwidth;
                sdp.Bandwidths.Add(b);
                return null;
            case 't':
                var t = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (t.Length != 2 || !ulong.TryParse(t[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                    || !ulong.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stop))
                    return "t= must be '<start time> <stop time>' (RFC 8866 §5.9)";
                sdp.Timings.Add(new Timing(start, stop));
                return null;
            case 'r':
                if (sdp.Timings.Count == 0) return "r= must follow a t= line (RFC 8866 §5.10)";
                sdp.Timings[^1].Repeats.Add(value);
                return null;
            case 'z': sdp.TimeZones = value; return null;
            case 'k': sdp.EncryptionKey = value; return null;
            case 'a': return Attribute(sdp.Attributes, value);
            case 'm': return NewMedia;
            default: return $"unknown line type '{type}=' (RFC 8866 §5)";
        }
    }

    private static string? MediaLine(MediaDescription media, char type, string value)
    {
        switch (type)
        {
            case 'i': media.Information = value; return null;
            case 'c':
                if (!TryConnection(value, out var c)) return BadConnection;
                media.Connections.Add(c);
                return null;
            case 'b':
                if (!TryBandwidth(value, out var b)) return BadBandwidth;
                media.Bandwidths.Add(b);
                return null;
            case 'k': media.EncryptionKey = value; return null;
            case 'a': return Attribute(media.Attributes, value);
            case 'm': return NewMedia;
            case 'v' or 'o' or 's' or 'u' or 'e' or 'p' or 't' or 'r' or 'z':
                return $"'{type}=' is a session-level line and may not appear inside a media section (RFC 8866 §5)";
            default: return $"unknown line type '{type}=' (RFC 8866 §5)";
        }
    }

    private static string? Attribute(List<SdpAttribute> attributes, string value)
    {
        if (value.Length == 0) return "empty a= line (RFC 8866 §5.13)";
        var colon = value.IndexOf(':');
        var attribute = colon < 0 ? new SdpAttribute(value) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
        if (attribute.Name.Length == 0 || attribute.Name.Contains(' '))
            return "attribute name missing or contains a space (RFC 8866 §5.13)";
        var problem = SdpAttributeValidation.Check(attribute);
        if (problem is not null) return problem;
        attributes.Add(attribute);
        return null;
    }

    private static string? TryOrigin(string value, SessionDescription sdp)
    {
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 6)
            return "o= must have six fields: username sess-id sess-version nettype addrtype address (RFC 8866 §5.2)";
        if (!ulong.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return "o= session version must be a number (RFC 8866 §5.2)";
        sdp.Origin = new Origin(f[0], f[1], version, f[3], f[4], f[5]);
        return null;
    }

    private const string BadConnection = "c= must be '<nettype> <addrtype> <connection-address>' (RFC 8866 §5.7)";
    private const string BadBandwidth = "b= must be '<bwtype>:<bandwidth in kbps>' (RFC 8866 §5.8)";

    private static bool TryConnection(string value, out ConnectionData connection)
    {
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        connection = f.Length == 3 ? new ConnectionData(f[0], f[1], f[2]) : null!;
        return f.Length == 3;
    }

    private static bool TryBandwidth(string value, out Bandwidth bandwidth)
    {
        bandwidth = null!;
        var colon = value.IndexOf(':');
        if (colon <= 0 || !ulong.TryParse(value.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            return false;
        bandwidth = new Bandwidth(value[..colon], v);
        return true;
    }

    /// <summary>RFC 8866 §5.14: <c>m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...</c></summary>
    private static bool TryMediaLine(string value, out MediaDescription media, out string error)
    {
        media = null!;
        error = "";
        var f = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 4)
        {
            error = "m= must be '<media> <port> <proto> <fmt> ...' with at least one format (RFC 8866 §5.14)";
            return false;
        }
        var portText = f[1];
        int? count = null;
        var slash = portText.IndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(portText.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                error = "m= number of ports must be a positive integer (RFC 8866 §5.14)";
                return false;
            }
            count = n;
            portText = portText[..slash];
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"m= port '{f[1]}' is not a number from 0 to 65535 (RFC 8866 §5.14)";
            return false;
        }
        media = new MediaDescription(f[0], port, f[2], f[3..]) { PortCount = count };
        return true;
    }
}
