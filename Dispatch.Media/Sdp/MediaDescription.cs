namespace Dispatch.Media.Sdp;

/// <summary>
/// One media section (RFC 8866 §5.14): the <c>m=</c> line and the <c>i= c= b= k= a=</c> lines under it.
/// <code>
/// m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...
/// </code>
/// A port of 0 marks a rejected or disabled section (RFC 3264 §6; RFC 8829 §5.3.1).
/// </summary>
public sealed class MediaDescription
{
    public MediaDescription(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary><c>audio</c>, <c>video</c>, <c>application</c>, ... as written.</summary>
    public string Media { get; set; }

    public int Port { get; set; }

    /// <summary>The optional <c>/number of ports</c> after the port; null when absent.</summary>
    public int? PortCount { get; set; }

    /// <summary><c>RTP/AVP</c>, <c>UDP/TLS/RTP/SAVPF</c>, <c>UDP/DTLS/SCTP</c>, ... as written.</summary>
    public string Protocol { get; set; }

    /// <summary>Payload type numbers for RTP protocols; other tokens (e.g. <c>webrtc-datachannel</c>) otherwise.</summary>
    public List<string> Formats { get; }

    public string? Information { get; set; }

    public List<ConnectionData> Connections { get; } = [];

    public List<Bandwidth> Bandwidths { get; } = [];

    public string? EncryptionKey { get; set; }

    public List<SdpAttribute> Attributes { get; } = [];

    public bool IsRejected => Port == 0;

    public bool IsRtp => Protocol.Contains("RTP/", StringComparison.OrdinalIgnoreCase);

    public string MediaLine =>
        $"{Media} {Port}{(PortCount is { } n ? "/" + n : "")} {Protocol}{(Formats.Count > 0 ? " " + string.Join(' ', Formats) : "")}";
}
