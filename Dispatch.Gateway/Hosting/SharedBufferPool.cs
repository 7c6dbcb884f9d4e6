using System.Buffers;

namespace Dispatch.Gateway.Hosting;

/// <summary>
/// Lets the runtime's shared array pool keep a block per connected device. Every SignalR connection writes a
/// message into a pipe whose segments are 4 KiB arrays rented from <see cref="ArrayPool{T}.Shared"/> (through
/// <c>MemoryPool&lt;byte&gt;.Shared</c>) and returned once the transport has sent them. A send to 5,000 devices has
/// 5,000 of them out at once, but the pool keeps only 32 arrays of a size per core by default: measured on a
/// 5,000-recipient send, each SignalR send allocated 2.4–3.2 KiB, 17 MiB for the hand-out alone (a garbage
/// collection inside the delivery), against 88 bytes with the pool enlarged (docs/realtime.md, "Pooled pipe blocks and receipts in segments").
/// <list type="bullet">
/// <item><see cref="Enlarge"/>: the limit is read once, from an environment variable, when the pool is first used,
/// so the gateway sets it as its first statement (unless the operator set it).</item>
/// <item><see cref="ReserveFor"/>: the first send after a start would still allocate every block, so the pool is
/// filled as devices connect: 4 KiB per device, kept whether or not a send comes.</item>
/// </list>
/// </summary>
internal static class SharedBufferPool
{
    /// <summary>The runtime's setting (System.Buffers.SharedArrayPool): arrays kept per size and per core.</summary>
    internal const string ArraysPerCoreVariable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Arrays of one size kept over all cores: 16,384 blocks (64 MiB at most), for sends to that many devices.</summary>
    internal const int ArraysKept = 16_384;

    /// <summary>A pipe's segment: <c>PipeOptions.MinimumSegmentSize</c>'s default, which SignalR's connection pipes use.</summary>
    internal const int BlockSize = 4096;

    /// <summary>Blocks added to the pool at a time, as devices connect.</summary>
    internal const int ReserveStep = 256;

    private static int _reserved;

    /// <summary>Arrays of one size the pool keeps over all cores, as set when this process started; 0 until <see cref="Enlarge"/> ran.</summary>
    internal static int Capacity { get; private set; }

    /// <summary>Blocks put into the pool so far by <see cref="ReserveFor"/>.</summary>
    internal static int Reserved => Volatile.Read(ref _reserved);

    /// <summary>
    /// Must run before anything rents from the shared pool: the first statement of the process. An operator's own
    /// setting is kept (and only as many blocks as it lets the pool keep are reserved).
    /// </summary>
    public static void Enlarge()
    {
        var set = Environment.GetEnvironmentVariable(ArraysPerCoreVariable);
        if (!int.TryParse(set, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var perCore)
            || perCore <= 0)
        {
            perCore = Math.Max(32, ArraysKept / Environment.ProcessorCount);
            Environment.SetEnvironmentVariable(ArraysPerCoreVariable, perCore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Capacity = (int)Math.Min(ArraysKept, (long)perCore * Environment.ProcessorCount);
    }

    /// <summary>
    /// Makes sure the pool holds a block for each of <paramref name="devices"/> (up to <see cref="Capacity"/>: none in
    /// a process that did not call <see cref="Enlarge"/> first, whose pool would drop them),
    /// in steps of <see cref="ReserveStep"/>, on the thread pool.
    /// </summary>
    public static void ReserveFor(int devices)
    {
        var wanted = Math.Min(Capacity, (devices + ReserveStep - 1) / ReserveStep * ReserveStep);
        while (true)
        {
            var reserved = Volatile.Read(ref _reserved);
            if (wanted <= reserved)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _reserved, wanted, reserved) == reserved)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static target => Fill(target), wanted, preferLocal: false);
                return;
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="target"/> blocks at once, then gives them all back: what the pool already kept is rented
    /// again, the rest is allocated, so that afterwards the pool keeps <paramref name="target"/> (rented one step at a
    /// time, each step would only take back the last step's blocks).
    /// </summary>
    private static void Fill(int target)
    {
        var blocks = new byte[target][];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = ArrayPool<byte>.Shared.Rent(BlockSize);
        }
        foreach (var block in blocks)
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }
}
