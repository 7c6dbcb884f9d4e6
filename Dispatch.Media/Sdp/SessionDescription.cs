namespace Dispatch.Media.Sdp;

/// <summary>
/// A whole SDP body (RFC 8866 §5): session-level lines, then media sections in order.
/// Mutable so that offers and answers can be built in place; <see cref="Parse"/> and
/// <see cref="ToString"/> convert to and from text.
/// </summary>
public sealed class SessionDescription
{
    public int Version { get; set; }

    public Origin Origin { get; set; } = new("-", "0", 0, "IN", "IP4", "0.0.0.0");

    public string SessionName { get; set; } = "-";

    public string? Information { get; set; }

    public string? Uri { get; set; }

    public List<string> Emails { get; } = [];

    public List<string> Phones { get; } = [];

    public ConnectionData? Connection { get; set; }

    public List<Bandwidth> Bandwidths { get; } = [];

    public List<Timing> Timings { get; } = [];

    /// <summary>The <c>z=</c> line (RFC 8866 §5.11), verbatim.</summary>
    public string? TimeZones { get; set; }

    /// <summary>The obsolete <c>k=</c> line (RFC 8866 §5.12), verbatim.</summary>
    public string? EncryptionKey { get; set; }

    public List<SdpAttribute> Attributes { get; } = [];

    public List<MediaDescription> Media { get; } = [];

    /// <summary>Parses SDP text; never throws on malformed input (see <see cref="SdpParseResult"/>).</summary>
    public static SdpParseResult Parse(string text) => SdpParser.Parse(text);

    /// <summary>Serializes in RFC 8866 §5 line order with CRLF line ends.</summary>
    public override string ToString() => SdpSerializer.Serialize(this);
}
