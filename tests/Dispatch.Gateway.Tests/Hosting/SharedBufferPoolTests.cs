using System.Globalization;
using Dispatch.Gateway.Hosting;

namespace Dispatch.Gateway.Tests.Hosting;

/// <summary>
/// The pool setting and the block reserve. What they buy (88 bytes per SignalR send against 2.4–3.2 KiB) shows only in
/// a process whose pool was set before its first use, so it is measured in docs/benchmarks.md, not here: this test
/// process's pool was made long before. Test servers starting meanwhile call <see cref="SharedBufferPool.Enlarge"/>
/// too (Program runs); they compute the same values from the same variable.
/// </summary>
public sealed class SharedBufferPoolTests
{
    private static readonly string Variable = SharedBufferPool.ArraysPerCoreVariable;

    [Fact]
    public void Without_a_setting_the_pool_may_keep_a_block_for_each_of_sixteen_thousand_devices()
    {
        var before = Environment.GetEnvironmentVariable(Variable);
        try
        {
            Environment.SetEnvironmentVariable(Variable, null);
            SharedBufferPool.Enlarge();

            var perCore = Math.Max(32, SharedBufferPool.ArraysKept / Environment.ProcessorCount);
            Assert.Equal(perCore.ToString(CultureInfo.InvariantCulture), Environment.GetEnvironmentVariable(Variable));
            Assert.Equal(Math.Min(SharedBufferPool.ArraysKept, perCore * Environment.ProcessorCount), SharedBufferPool.Capacity);
            // On this 2-core machine: 8,192 per core, 16,384 in all (64 MiB of 4 KiB blocks at most, kept only once used).
            Assert.Equal(SharedBufferPool.ArraysKept, SharedBufferPool.Capacity);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
            SharedBufferPool.Enlarge();
        }
    }

    [Fact]
    public void An_operators_setting_is_kept_and_bounds_the_reserve()
    {
        var before = Environment.GetEnvironmentVariable(Variable);
        try
        {
            Environment.SetEnvironmentVariable(Variable, "3");
            SharedBufferPool.Enlarge();

            Assert.Equal("3", Environment.GetEnvironmentVariable(Variable));
            Assert.Equal(3 * Environment.ProcessorCount, SharedBufferPool.Capacity);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
            SharedBufferPool.Enlarge();
        }
    }

    [Fact]
    public void The_reserve_grows_in_whole_steps_with_the_devices_and_stops_at_the_capacity()
    {
        SharedBufferPool.Enlarge();
        var capacity = SharedBufferPool.Capacity;

        SharedBufferPool.ReserveFor(1);
        Assert.True(SharedBufferPool.Reserved >= SharedBufferPool.ReserveStep);
        Assert.Equal(0, SharedBufferPool.Reserved % SharedBufferPool.ReserveStep);

        SharedBufferPool.ReserveFor(1_000);
        Assert.True(SharedBufferPool.Reserved >= 1_024, $"reserved {SharedBufferPool.Reserved}");

        SharedBufferPool.ReserveFor(int.MaxValue / 2);
        Assert.Equal(capacity, SharedBufferPool.Reserved);

        // Fewer devices never take blocks back out of the pool's count.
        SharedBufferPool.ReserveFor(10);
        Assert.Equal(capacity, SharedBufferPool.Reserved);
    }
}
