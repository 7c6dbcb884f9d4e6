namespace Dispatch.Media.Tests.Sip;

/// <summary>The RFC 4475 torture messages and their expected outcome, read from the shared MANIFEST.tsv.</summary>
internal static class TortureManifest
{
    public sealed record Entry(string File, string Section, string Title, string Expected)
    {
        public byte[] Bytes => ConformanceData.Bytes("sip-rfc4475", File);

        /// <summary>The response code listed as SEMANTIC-nnn, or null.</summary>
        public int? SemanticCode => Expected.StartsWith("SEMANTIC-", StringComparison.Ordinal)
            && int.TryParse(Expected.AsSpan(9, 3), out var code) ? code : null;

        public override string ToString() => File;
    }

    public static IReadOnlyList<Entry> Entries { get; } = File.ReadAllLines(ConformanceData.PathOf("sip-rfc4475", "MANIFEST.tsv"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split('\t'))
        .Select(c => new Entry(c[0], c[1], c[2], c[3]))
        .ToList();

    public static TheoryData<string> Where(Func<Entry, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var e in Entries.Where(predicate))
        {
            data.Add(e.File);
        }
        return data;
    }

    public static Entry Get(string file) => Entries.Single(e => e.File == file);
}
