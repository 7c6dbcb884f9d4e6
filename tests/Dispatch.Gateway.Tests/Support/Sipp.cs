using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>
/// Runs the real sipp (Debian sip-tester, installed by build/ensure-tools.sh) as a UAC on 127.0.0.1 and reads
/// its end-of-run statistics file.
/// </summary>
internal static class Sipp
{
    public const string Binary = "/usr/bin/sipp";

    public sealed record Result(int ExitCode, long Successful, long Failed, string Output);

    /// <param name="scenario">A file name under Media/Sipp beside the test binaries.</param>
    /// <param name="injection">Lines of the injection file after its SEQUENTIAL header.</param>
    public static async Task<Result> Run(string scenario, IPEndPoint server, IReadOnlyList<string> injection, int calls, TimeSpan timeout)
    {
        var folder = Directory.CreateTempSubdirectory("dispatch-sipp-").FullName;
        try
        {
            var users = Path.Combine(folder, "users.csv");
            await File.WriteAllLinesAsync(users, ["SEQUENTIAL", .. injection]);
            var stats = Path.Combine(folder, "stats.csv");
            var start = new ProcessStartInfo(Binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            foreach (var argument in new[]
            {
                $"{server.Address}:{server.Port}", "-sf", Path.Combine(AppContext.BaseDirectory, "Media", "Sipp", scenario),
                "-inf", users, "-i", "127.0.0.1", "-p", FreePort.NextUdp().ToString(CultureInfo.InvariantCulture),
                "-m", calls.ToString(CultureInfo.InvariantCulture), "-l", "10", "-r", "50", "-nostdin",
                "-timeout", $"{(int)timeout.TotalSeconds}s", "-timeout_error", "-recv_timeout", "5000",
                "-trace_stat", "-stf", stats, "-trace_err",
            })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(cancel.Token);
            var errors = Directory.GetFiles(folder, "*_errors.log").Select(File.ReadAllText);
            var output = $"{await stdout}\n{await stderr}\n{string.Join("\n", errors)}";
            var (successful, failed) = ReadTotals(stats);
            return new Result(process.ExitCode, successful, failed, output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The cumulative SuccessfulCall(C) and FailedCall(C) of the last line of sipp's -stf file.</summary>
    private static (long Successful, long Failed) ReadTotals(string stats)
    {
        if (!File.Exists(stats))
        {
            return (-1, -1);
        }
        var lines = File.ReadAllLines(stats).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        long Column(string name) => long.Parse(last[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        return (Column("SuccessfulCall(C)"), Column("FailedCall(C)"));
    }
}
