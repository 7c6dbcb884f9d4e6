using System.Diagnostics;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// npm <c>playwright-core@1.64.1</c> (no browser download: it drives /usr/bin/chromium), installed on first use
/// into /tmp/dispatch-playwright-core-1.64.1 under a file lock, so parallel test runs share one install.
/// </summary>
public static class PlaywrightCore
{
    public const string Version = "1.64.1";

    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "dispatch-playwright-core-" + Version);

    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>The folder holding node_modules/playwright-core, installing it if missing.</summary>
    public static async Task<string> EnsureInstalled()
    {
        var marker = Path.Combine(Folder, "node_modules", "playwright-core", "package.json");
        if (File.Exists(marker))
        {
            return Folder;
        }
        await InProcess.WaitAsync();
        try
        {
            Directory.CreateDirectory(Folder);
            await using var fileLock = await Lock(Path.Combine(Folder, ".install.lock"));
            if (File.Exists(marker))
            {
                return Folder;
            }
            var npm = Process.Start(new ProcessStartInfo("npm", $"install --no-audit --no-fund --no-save --prefix {Folder} playwright-core@{Version}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1" },
            })!;
            var stderr = npm.StandardError.ReadToEndAsync();
            await npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(marker))
            {
                throw new InvalidOperationException($"npm install playwright-core@{Version} failed ({npm.ExitCode}): {await stderr}");
            }
            return Folder;
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>An exclusive lock file between processes; retried until the other installer finishes.</summary>
    private static async Task<FileStream> Lock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
