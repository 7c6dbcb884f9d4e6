using System.Diagnostics;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// A network namespace joined to the host by a veth pair: host side 10.77.N.1, namespace side 10.77.N.2.
/// Chromium and aiortc gather no loopback candidate, so the peer runs inside it and reaches the gateway's UDP
/// host at 10.77.N.1. Names carry the process id and a counter; N is one no interface on the machine uses.
/// Needs root (tests run as root). Deleting the namespace deletes the veth pair.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private static int _counter;

    private NetworkNamespace(string name, string hostAddress, string peerAddress)
    {
        Name = name;
        HostAddress = hostAddress;
        PeerAddress = peerAddress;
    }

    public string Name { get; }

    public string HostAddress { get; }

    public string PeerAddress { get; }

    public static NetworkNamespace Create()
    {
        var id = $"{Environment.ProcessId}{Interlocked.Increment(ref _counter)}";
        var name = "dpecho" + id;
        var hostVeth = ("veh" + id)[..Math.Min(15, 3 + id.Length)];
        var peerVeth = ("vep" + id)[..Math.Min(15, 3 + id.Length)];
        var used = Run("ip", "-4 -o addr show");
        var subnet = Enumerable.Range(0, 250).Select(i => (Environment.ProcessId + i) % 250 + 1)
            .First(n => !used.Contains($"10.77.{n}.", StringComparison.Ordinal));
        var space = new NetworkNamespace(name, $"10.77.{subnet}.1", $"10.77.{subnet}.2");
        try
        {
            Run("ip", $"netns add {name}");
            Run("ip", $"link add {hostVeth} type veth peer name {peerVeth}");
            Run("ip", $"link set {peerVeth} netns {name}");
            Run("ip", $"addr add {space.HostAddress}/24 dev {hostVeth}");
            Run("ip", $"link set {hostVeth} up");
            Run("ip", $"netns exec {name} ip addr add {space.PeerAddress}/24 dev {peerVeth}");
            Run("ip", $"netns exec {name} ip link set {peerVeth} up");
            Run("ip", $"netns exec {name} ip link set lo up");
        }
        catch
        {
            space.Dispose();
            throw;
        }
        return space;
    }

    public void Dispose()
    {
        try
        {
            Run("ip", $"netns del {Name}");
        }
        catch (InvalidOperationException)
        {
            // Already gone (a failed create); nothing else to clean.
        }
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {error.Trim()}");
        }
        return output;
    }
}
