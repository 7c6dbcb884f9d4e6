namespace Dispatch.Media.Sip.Messages;

/// <summary>Header field names, their canonical spelling and compact forms (RFC 3261 §7.3.3, §20).</summary>
public static class SipHeaderNames
{
    public const string Accept = "Accept";
    public const string Allow = "Allow";
    public const string Authorization = "Authorization";
    public const string CallId = "Call-ID";
    public const string Contact = "Contact";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string MaxForwards = "Max-Forwards";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string ProxyRequire = "Proxy-Require";
    public const string RecordRoute = "Record-Route";
    public const string Require = "Require";
    public const string Route = "Route";
    public const string Supported = "Supported";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string Via = "Via";
    public const string WwwAuthenticate = "WWW-Authenticate";

    private static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = "Accept-Contact", ["b"] = "Referred-By", ["c"] = ContentType, ["d"] = "Request-Disposition",
        ["e"] = "Content-Encoding", ["f"] = From, ["i"] = CallId, ["j"] = "Reject-Contact", ["k"] = Supported,
        ["l"] = ContentLength, ["m"] = Contact, ["n"] = "Identity-Info", ["o"] = "Event", ["r"] = "Refer-To",
        ["s"] = "Subject", ["t"] = To, ["u"] = "Allow-Events", ["v"] = Via, ["x"] = "Session-Expires", ["y"] = "Identity",
    };

    private static readonly Dictionary<string, string> Canonical = new[]
    {
        Accept, Allow, Authorization, CallId, Contact, ContentLength, ContentType, CSeq, Date, Expires, From,
        MaxForwards, ProxyAuthenticate, ProxyAuthorization, ProxyRequire, RecordRoute, Require, Route, Supported,
        To, Unsupported, Via, WwwAuthenticate, "Min-Expires", "User-Agent", "Server", "Subject", "Content-Encoding",
        "Event", "Retry-After", "Warning",
    }.ToDictionary(n => n, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CompactBySpan =
        Compact.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CanonicalBySpan =
        Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The canonical names themselves, by reference: nearly every lookup passes one of the constants above, which is then
    /// its own normal form without hashing its characters case-insensitively.
    /// </summary>
    private static readonly HashSet<string> CanonicalInstances = new(Canonical.Values, ReferenceEqualityComparer.Instance);

    /// <summary>The long, canonically cased name for a compact or differently cased known name; others unchanged.</summary>
    public static string Normalize(string name) =>
        CanonicalInstances.Contains(name) ? name
        : Compact.TryGetValue(name, out var full) ? full : Canonical.TryGetValue(name, out var canonical) ? canonical : name;

    /// <summary>As <see cref="Normalize(string)"/> for a name still in the received text: a known name costs no string.</summary>
    internal static string Normalize(ReadOnlySpan<char> name) =>
        CompactBySpan.TryGetValue(name, out var full) ? full : CanonicalBySpan.TryGetValue(name, out var canonical) ? canonical : name.ToString();
}
