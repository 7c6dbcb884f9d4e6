using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary>
/// The legacy <c>a=sctpmap:&lt;port&gt; &lt;app&gt; [&lt;streams&gt;]</c> of draft-ietf-mmusic-sctp-sdp-05 that older
/// browsers send instead of RFC 8841's <c>a=sctp-port</c>. We parse it only to recognise a data channel.
/// </summary>
public sealed record Sctpmap(int Port, string Application, int? Streams = null)
{
    public const string Name = "sctpmap";

    public static bool TryParse(string? value, [NotNullWhen(true)] out Sctpmap? map)
    {
        map = null;
        var w = value is null ? [] : SdpTokens.Words(value);
        if (w.Length < 2 || !int.TryParse(w[0], out var port)) return false;
        int? streams = w.Length > 2 && int.TryParse(w[2], out var s) ? s : null;
        map = new Sctpmap(port, w[1], streams);
        return true;
    }
}
