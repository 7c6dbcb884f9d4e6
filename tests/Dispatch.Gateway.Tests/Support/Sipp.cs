using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>
/// Runs the real sipp (Debian sip-tester, installed by build/ensure-tools.sh) on 127.0.0.1, as a UAC or as a UAS,
/// and reads its end-of-run statistics file.
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
        var users = Path.Combine(folder, "users.csv");
        await File.WriteAllLinesAsync(users, ["SEQUENTIAL", .. injection]);
        return await Execute(folder, scenario, calls, timeout,
            [$"{server.Address}:{server.Port}", "-inf", users, "-p", FreePort.NextUdp().ToString(CultureInfo.InvariantCulture), "-l", "10", "-r", "50"]);
    }

    /// <summary>
    /// Starts sipp as a UAS on 127.0.0.1:<paramref name="port"/> (a worker's "phone"), which plays
    /// <paramref name="scenario"/> for <paramref name="calls"/> incoming calls and exits.
    /// </summary>
    public static Task<Result> StartUas(string scenario, int port, int calls, TimeSpan timeout) =>
        Execute(Directory.CreateTempSubdirectory("dispatch-sipp-uas-").FullName, scenario, calls, timeout,
            ["-p", port.ToString(CultureInfo.InvariantCulture)]);

    private static async Task<Result> Execute(string folder, string scenario, int calls, TimeSpan timeout, IReadOnlyList<string> extra)
    {
        try
        {
            var stats = Path.Combine(folder, "stats.csv");
            var start = new ProcessStartInfo(Binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            foreach (var argument in extra.Concat(
            [
                "-sf", Path.Combine(AppContext.BaseDirectory, "Media", "Sipp", scenario), "-i", "127.0.0.1",
                "-m", calls.ToString(CultureInfo.InvariantCulture), "-nostdin",
                "-timeout", $"{(int)timeout.TotalSeconds}s", "-timeout_error", "-recv_timeout", "5000",
                "-trace_stat", "-stf", stats, "-trace_err",
            ]))
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
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
