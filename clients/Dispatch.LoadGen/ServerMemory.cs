namespace Dispatch.LoadGen;

/// <summary>The resident memory of the gateway process, from /proc (Linux), when its pid is given.</summary>
internal static class ServerMemory
{
    public static long? ResidentBytes(int? pid)
    {
        if (pid is null)
        {
            return null;
        }
        var status = File.ReadAllLines($"/proc/{pid}/status");
        var line = status.FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
