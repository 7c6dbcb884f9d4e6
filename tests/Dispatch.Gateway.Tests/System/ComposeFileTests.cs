using System.Diagnostics;

namespace Dispatch.Gateway.Tests.System;

/// <summary>
/// docker-compose.yml describes the cluster topology. No Docker engine runs here, so Debian's
/// docker-compose validates and resolves it (<c>config</c>) without starting anything.
/// </summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task The_compose_file_is_valid_and_describes_the_cluster_topology()
    {
        var root = RepositoryRoot();
        var info = new ProcessStartInfo("docker-compose") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-f", "docker-compose.yml", "config", "--services" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DISPATCH_DB_PASSWORD"] = "validation-only";

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, errors);
        var services = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order().ToArray();
        Assert.Equal(["gateway", "media", "postgres", "silo1", "silo2"], services);
    }

    [Fact]
    public async Task The_compose_file_refuses_to_run_without_a_database_password()
    {
        var info = new ProcessStartInfo("docker-compose") { WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-f", "docker-compose.yml", "config" })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("DISPATCH_DB_PASSWORD");

        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("DISPATCH_DB_PASSWORD", errors);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatch.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Dispatch.sln not found above " + AppContext.BaseDirectory);
    }
}
