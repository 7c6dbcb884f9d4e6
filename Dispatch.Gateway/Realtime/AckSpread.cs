namespace Dispatch.Gateway.Realtime;

/// <summary>
/// How long the devices of a large send are asked to wait before acknowledging delivery (the push's
/// <c>ackAfterMs</c>, docs/protocol.md). Thousands of devices that acknowledge the moment they hear of a send
/// make the gateway read, parse and answer thousands of acknowledgements while it is still writing that send to
/// the sockets of the devices that have not heard of it yet (docs/realtime.md, "Acknowledgements after the
/// send"). Receipts are not lost or skipped by waiting, only recorded a little later.
/// </summary>
internal static class AckSpread
{
    /// <summary>
    /// Per recipient: about what this gateway and a device spend on one send on this 2-core machine
    /// (handing it out, the socket write, the device reading it: 0.65 CPU-s for 5,000; docs/benchmarks.md).
    /// </summary>
    public static readonly TimeSpan PerRecipient = TimeSpan.FromMicroseconds(120);

    /// <summary>Never asks a device to wait longer than this.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(2);

    /// <summary>The wait asked of each device of a send to <paramref name="recipients"/> workers; 0 for small sends.</summary>
    public static int MillisecondsFor(int recipients)
    {
        var wait = PerRecipient * recipients;
        return (int)(wait < Longest ? wait : Longest).TotalMilliseconds;
    }
}
