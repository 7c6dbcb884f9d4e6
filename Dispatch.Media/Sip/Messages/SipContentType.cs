using System.Diagnostics.CodeAnalysis;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>Content-Type = m-type "/" m-subtype *(SEMI m-parameter) (RFC 3261 §20.15).</summary>
public sealed record SipContentType(string MediaType, SipParameters Parameters)
{
    public string? Boundary => Parameters["boundary"] is { } b && b.StartsWith('"') && b.Length > 1 ? b[1..^1] : Parameters["boundary"];

    public static bool TryParse(string value, [NotNullWhen(true)] out SipContentType? contentType)
    {
        contentType = null;
        var s = value.AsSpan();
        var semi = s.IndexOf(';');
        var type = (semi < 0 ? s : s[..semi]).Trim(" \t");
        var slash = type.IndexOf('/');
        if (slash < 0 || !SipSyntax.IsToken(type[..slash].Trim(" \t")) || !SipSyntax.IsToken(type[(slash + 1)..].Trim(" \t")))
        {
            return false;
        }
        var parameters = new SipParameters();
        if (semi >= 0 && !SipParameters.TryParseHeaderParameters(s, semi, out parameters))
        {
            return false;
        }
        var media = string.Concat(type[..slash].Trim(" \t"), "/", type[(slash + 1)..].Trim(" \t")).ToLowerInvariant();
        contentType = new SipContentType(media, parameters);
        return true;
    }
}
