using System.Globalization;

namespace Dispatch.LoadGen;

/// <summary>
/// CPU time (user + system) a process has used, from /proc/&lt;pid&gt;/stat (Linux). Unlike latency it
/// hardly depends on what else the machine runs, so it compares runs made under different load.
/// </summary>
internal static class ServerCpu
{
    /// <summary>USER_HZ, the unit of the stat times: 100 on every Linux this runs on.</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan? Used(int? pid)
    {
        if (pid is null)
        {
            return null;
        }
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of the file (utime, stime) are at 11 and 12 counted from field 3.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>CPU time of this process (the load generator).</summary>
    public static TimeSpan OwnUsed() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}
