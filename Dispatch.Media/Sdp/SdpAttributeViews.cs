using Dispatch.Media.Sdp.Attributes;

namespace Dispatch.Media.Sdp;

/// <summary>
/// Typed reads over attribute lists. Malformed entries are skipped here; the parser has already
/// refused the ones that matter for negotiation (see <see cref="SdpAttributeValidation"/>).
/// Attribute names compare case-sensitively, as RFC 8866 §5.13 makes them.
/// </summary>
public static class SdpAttributeViews
{
    public static SdpAttribute? Find(this IEnumerable<SdpAttribute> attributes, string name) =>
        attributes.FirstOrDefault(a => a.Name == name);

    public static IEnumerable<SdpAttribute> All(this IEnumerable<SdpAttribute> attributes, string name) =>
        attributes.Where(a => a.Name == name);

    public static bool Has(this IEnumerable<SdpAttribute> attributes, string name) =>
        attributes.Any(a => a.Name == name);

    public static string? ValueOf(this IEnumerable<SdpAttribute> attributes, string name) =>
        attributes.Find(name)?.Value?.Trim();

    public static string? Mid(this MediaDescription m) => m.Attributes.ValueOf("mid");

    public static IEnumerable<RtpMap> RtpMaps(this MediaDescription m) => Views<RtpMap>(m.Attributes, RtpMap.Name, RtpMap.TryParse);

    public static IEnumerable<Fmtp> Fmtps(this MediaDescription m) => Views<Fmtp>(m.Attributes, Fmtp.Name, Fmtp.TryParse);

    public static IEnumerable<RtcpFeedback> RtcpFeedbacks(this MediaDescription m) =>
        Views<RtcpFeedback>(m.Attributes, RtcpFeedback.Name, RtcpFeedback.TryParse);

    public static IEnumerable<ExtMap> ExtMaps(this MediaDescription m) => Views<ExtMap>(m.Attributes, ExtMap.Name, ExtMap.TryParse);

    public static IEnumerable<IceCandidate> Candidates(this MediaDescription m) =>
        Views<IceCandidate>(m.Attributes, IceCandidate.Name, IceCandidate.TryParse);

    public static IEnumerable<SsrcAttribute> Ssrcs(this MediaDescription m) =>
        Views<SsrcAttribute>(m.Attributes, SsrcAttribute.Name, SsrcAttribute.TryParse);

    public static IEnumerable<SsrcGroup> SsrcGroups(this MediaDescription m) =>
        Views<SsrcGroup>(m.Attributes, SsrcGroup.Name, SsrcGroup.TryParse);

    public static IEnumerable<Msid> Msids(this MediaDescription m) => Views<Msid>(m.Attributes, Msid.Name, Msid.TryParse);

    public static IEnumerable<Rid> Rids(this MediaDescription m) => Views<Rid>(m.Attributes, Rid.Name, Rid.TryParse);

    public static Simulcast? Simulcast(this MediaDescription m) =>
        Views<Simulcast>(m.Attributes, Attributes.Simulcast.Name, Attributes.Simulcast.TryParse).FirstOrDefault();

    public static IEnumerable<Group> Groups(this SessionDescription s) => Views<Group>(s.Attributes, Group.Name, Group.TryParse);

    public static Group? BundleGroup(this SessionDescription s) => s.Groups().FirstOrDefault(g => g.IsBundle);

    public static bool RtcpMux(this MediaDescription m) => m.Attributes.Has("rtcp-mux");

    public static bool RtcpReducedSize(this MediaDescription m) => m.Attributes.Has("rtcp-rsize");

    public static bool EndOfCandidates(this MediaDescription m) => m.Attributes.Has("end-of-candidates");

    public static bool IceLite(this SessionDescription s) => s.Attributes.Has("ice-lite");

    /// <summary>RFC 8841 §5.2 <c>a=sctp-port</c>, or the port of a legacy <c>a=sctpmap</c>.</summary>
    public static int? SctpPort(this MediaDescription m)
    {
        if (int.TryParse(m.Attributes.ValueOf("sctp-port"), out var port)) return port;
        return Views<Sctpmap>(m.Attributes, Sctpmap.Name, Sctpmap.TryParse).FirstOrDefault()?.Port;
    }

    /// <summary>An SCTP data channel section (RFC 8841), in either the current or the legacy form.</summary>
    public static bool IsDataChannel(this MediaDescription m) =>
        m.Media == "application" && m.Protocol.Contains("SCTP", StringComparison.OrdinalIgnoreCase);

    /// <summary>RFC 8866 §6.7: a media-level direction overrides the session level; sendrecv when neither has one.</summary>
    public static MediaDirection Direction(this MediaDescription m, SessionDescription? session = null) =>
        DirectionIn(m.Attributes) ?? (session is null ? null : DirectionIn(session.Attributes)) ?? MediaDirection.SendRecv;

    /// <summary>RFC 8839 §5.4 and RFC 8122 §5: these may sit at media level or, as a default, at session level.</summary>
    public static string? IceUfrag(this MediaDescription m, SessionDescription s) => Inherited(m, s, "ice-ufrag");

    public static string? IcePwd(this MediaDescription m, SessionDescription s) => Inherited(m, s, "ice-pwd");

    public static IReadOnlyList<string> IceOptions(this MediaDescription m, SessionDescription s) =>
        Inherited(m, s, "ice-options")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    public static Fingerprint? Fingerprint(this MediaDescription m, SessionDescription s)
    {
        var media = Views<Fingerprint>(m.Attributes, Attributes.Fingerprint.Name, Attributes.Fingerprint.TryParse).FirstOrDefault();
        return media ?? Views<Fingerprint>(s.Attributes, Attributes.Fingerprint.Name, Attributes.Fingerprint.TryParse).FirstOrDefault();
    }

    public static SetupRole? Setup(this MediaDescription m, SessionDescription s) =>
        SetupRoles.FromSdp(Inherited(m, s, SetupRoles.Name));

    private static string? Inherited(MediaDescription m, SessionDescription s, string name) =>
        m.Attributes.ValueOf(name) ?? s.Attributes.ValueOf(name);

    private static MediaDirection? DirectionIn(IEnumerable<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            if (a.Value is null && MediaDirections.FromSdp(a.Name) is { } d) return d;
        }
        return null;
    }

    internal delegate bool TryParseView<T>(string? value, out T? result);

    private static IEnumerable<T> Views<T>(IEnumerable<SdpAttribute> attributes, string name, TryParseView<T> parse)
    {
        foreach (var a in attributes)
        {
            if (a.Name == name && parse(a.Value, out var view) && view is not null) yield return view;
        }
    }
}
