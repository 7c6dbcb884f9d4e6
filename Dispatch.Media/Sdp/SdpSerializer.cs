using System.Text;

namespace Dispatch.Media.Sdp;

/// <summary>
/// Writes a <see cref="SessionDescription"/> in the line order RFC 8866 §5 fixes
/// (<c>v o s i u e p c b t r z k a</c>, then per media <c>m i c b k a</c>) with CRLF after every line,
/// the last one included. Attributes come out in their stored order.
/// </summary>
public static class SdpSerializer
{
    public static string Serialize(SessionDescription sdp)
    {
        var text = new StringBuilder(2048);
        Line(text, 'v', sdp.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Line(text, 'o', sdp.Origin.ToString());
        Line(text, 's', sdp.SessionName);
        Optional(text, 'i', sdp.Information);
        Optional(text, 'u', sdp.Uri);
        foreach (var e in sdp.Emails) Line(text, 'e', e);
        foreach (var p in sdp.Phones) Line(text, 'p', p);
        if (sdp.Connection is not null) Line(text, 'c', sdp.Connection.ToString());
        foreach (var b in sdp.Bandwidths) Line(text, 'b', b.ToString());
        foreach (var t in sdp.Timings)
        {
            Line(text, 't', t.ToString());
            foreach (var r in t.Repeats) Line(text, 'r', r);
        }
        Optional(text, 'z', sdp.TimeZones);
        Optional(text, 'k', sdp.EncryptionKey);
        foreach (var a in sdp.Attributes) Line(text, 'a', a.ToString());

        foreach (var m in sdp.Media)
        {
            Line(text, 'm', m.MediaLine);
            Optional(text, 'i', m.Information);
            foreach (var c in m.Connections) Line(text, 'c', c.ToString());
            foreach (var b in m.Bandwidths) Line(text, 'b', b.ToString());
            Optional(text, 'k', m.EncryptionKey);
            foreach (var a in m.Attributes) Line(text, 'a', a.ToString());
        }
        return text.ToString();
    }

    private static void Optional(StringBuilder text, char type, string? value)
    {
        if (value is not null) Line(text, type, value);
    }

    private static void Line(StringBuilder text, char type, string value) =>
        text.Append(type).Append('=').Append(value).Append("\r\n");
}
