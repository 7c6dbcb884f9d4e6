using System.Diagnostics;

namespace Dispatch.Gateway.Tests.WebRtc;

/// <summary>
/// Routes for the call tests' two namespaces: a route from the second namespace to the gateway's address in the
/// first, and a two-way blackout of one peer (blackhole routes on both ends: silent drops, as a pulled cable).
/// The machine has no netem qdisc and no iptables, so routes are the tool.
/// </summary>
internal static class NetworkControl
{
    /// <summary>Lets the peer in <paramref name="space"/> reach <paramref name="gatewayAddress"/> (an address of another veth) through its own host end.</summary>
    public static void RouteTo(NetworkNamespace space, string gatewayAddress) =>
        Run("ip", $"netns exec {space.Name} ip route add {gatewayAddress}/32 via {space.HostAddress}");

    /// <summary>Drops everything between the peer in <paramref name="space"/> and <paramref name="gatewayAddress"/>, both ways.</summary>
    public static void Blackout(NetworkNamespace space, string gatewayAddress)
    {
        Run("ip", $"netns exec {space.Name} ip route replace blackhole {gatewayAddress}/32");
        Run("ip", $"route add blackhole {space.PeerAddress}/32");
    }

    /// <summary>Undoes <see cref="Blackout"/>: the route through the host end comes back (or the connected route, when the gateway is that end).</summary>
    public static void Restore(NetworkNamespace space, string gatewayAddress)
    {
        Run("ip", $"route del blackhole {space.PeerAddress}/32");
        Run("ip", gatewayAddress == space.HostAddress
            ? $"netns exec {space.Name} ip route del blackhole {gatewayAddress}/32"
            : $"netns exec {space.Name} ip route replace {gatewayAddress}/32 via {space.HostAddress}");
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

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {error.Trim()}");
        }
    }
}
