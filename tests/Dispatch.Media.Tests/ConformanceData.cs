namespace Dispatch.Media.Tests;

/// <summary>
/// Locates <c>../shared/conformance/</c> beside the project root (the folder holding Dispatch.sln),
/// wherever the test binaries run from.
/// </summary>
internal static class ConformanceData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared", "conformance");
                if (Directory.Exists(shared))
                {
                    return Path.GetFullPath(shared);
                }
                throw new DirectoryNotFoundException($"No shared/conformance beside the project root {dir.FullName}.");
            }
        }
        throw new DirectoryNotFoundException("Dispatch.sln not found above " + AppContext.BaseDirectory);
    }
}
