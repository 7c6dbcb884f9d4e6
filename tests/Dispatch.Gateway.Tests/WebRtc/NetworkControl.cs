using System.Diagnostics;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// Routes for the call tests' two namespaces: a route from the second namespace to the gateway's address in the
/// first, and a two-way blackout of one peer. The machine has no netem qdisc, no tc actions and no iptables, so
/// routes and reverse-path filtering are the tools.
/// </summary>
internal static class NetworkControl
{
    /// <summary>Lets the peer in <paramref name="space"/> reach <paramref name="gatewayAddress"/> (an address of another veth) through its own host end.</summary>
    public static void RouteTo(NetworkNamespace space, string gatewayAddress) =>
        Run("ip", $"netns exec {space.Name} ip route add {gatewayAddress}/32 via {space.HostAddress}");

    /// <summary>
    /// Drops everything between the peer in <paramref name="space"/> and the host, both ways, without the peer
    /// noticing anything but silence (as when a radio link fades): the host routes the peer's address into a
    /// blackhole (its own sends go nowhere) and, with strict reverse-path filtering on its end of the veth, also
    /// discards what the peer sends (RFC 3704 §2.2: the reverse path is no longer that interface). Nothing changes
    /// inside the namespace, so the peer's sockets see no error and its network stays "up".
    /// </summary>
    public static void Blackout(NetworkNamespace space)
    {
        var device = HostDevice(space);
        Run("sysctl", $"-q -w net.ipv4.conf.{device}.rp_filter=1");
        Run("ip", $"route add blackhole {space.PeerAddress}/32");
    }

    /// <summary>Undoes <see cref="Blackout"/>.</summary>
    public static void Restore(NetworkNamespace space)
    {
        Run("ip", $"route del blackhole {space.PeerAddress}/32");
        Run("sysctl", $"-q -w net.ipv4.conf.{HostDevice(space)}.rp_filter=0");
    }

    /// <summary>Best effort when a test fails half-way: the host's blackhole must not outlive it.</summary>
    public static void Clean(NetworkNamespace space)
    {
        try
        {
            Run("ip", $"route del blackhole {space.PeerAddress}/32");
        }
        catch (InvalidOperationException)
        {
            // Not there: nothing to clean.
        }
    }

    /// <summary>The host end of the namespace's veth pair: the interface holding its host address.</summary>
    private static string HostDevice(NetworkNamespace space)
    {
        var line = Output("ip", $"-o -4 addr show to {space.HostAddress}/32").Trim();
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 ? fields[1].Split('@')[0] : throw new InvalidOperationException($"No interface holds {space.HostAddress}: '{line}'");
    }

    private static void Run(string file, string arguments) => Output(file, arguments);

    private static string Output(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {error.Trim()}");
        }
        return output;
    }
}
