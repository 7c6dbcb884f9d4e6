using System.Text.Json;

namespace Dispatch.Media.Tests.Sdp;

/// <summary>
/// The real SDP bodies of <c>shared/conformance/sdp/</c>. Most files are raw SDP (.sdp, .txt); the str0m
/// <c>.json</c> file is a logged signalling message whose <c>sdp</c> member is an array of lines.
/// </summary>
internal static class SdpSamples
{
    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(ConformanceData.PathOf("sdp"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> All() => new(Names());

    /// <summary>Offers: every file the folder's README lists as an offer (all but the answers and the FreeSWITCH answer-like body).</summary>
    public static TheoryData<string> Offers() =>
        new(Names().Where(n => !n.Contains("answer") && !n.Contains("freeswitch")));

    public static string Text(string name)
    {
        var path = ConformanceData.PathOf("sdp", name);
        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return File.ReadAllText(path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var lines = json.RootElement.GetProperty("sdp").EnumerateArray().Select(l => l.GetString() ?? "");
        return string.Join("\r\n", lines);
    }

    /// <summary>The same text with CRLF line ends and a final CRLF: the form our serializer writes.</summary>
    public static string Canonical(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0);
        return string.Concat(lines.Select(l => l + "\r\n"));
    }
}
