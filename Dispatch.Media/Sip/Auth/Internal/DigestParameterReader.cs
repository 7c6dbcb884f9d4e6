namespace Dispatch.Media.Sip.Auth.Internal;

/// <summary>
/// Reads <c>Digest name=value, name="quoted, value"</c> (RFC 3261 §25.1 challenge / credentials,
/// RFC 7616 §3.3-3.4) into a case-insensitive dictionary of unquoted values (a later duplicate wins).
/// </summary>
internal static class DigestParameterReader
{
    public static Dictionary<string, string>? Read(string headerValue)
    {
        if (!DigestParameters.TryStart(headerValue, out var parameters))
        {
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (parameters.TryNext(out var name, out var value, out var quoted))
        {
            result[name.ToString()] = DigestParameters.Text(value, quoted);
        }
        return parameters.IsMalformed ? null : result;
    }
}
