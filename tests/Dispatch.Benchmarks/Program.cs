using BenchmarkDotNet.Running;
using Dispatch.Benchmarks.Sip;

namespace Dispatch.Benchmarks;

public static class BenchmarkEntry
{
    public static void Main(string[] args)
    {
        if (args is ["sip-users", var folder])
        {
            Console.WriteLine(SipBenchUsers.Write(folder));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
