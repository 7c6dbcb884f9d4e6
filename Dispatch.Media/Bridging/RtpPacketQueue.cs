namespace Dispatch.Media.Bridging;

/// <summary>
/// A fixed ring of datagram buffers for one output direction of the bridge: packets are written in place and
/// polled out by the host, so the media path allocates nothing per packet. When the host stops polling, the oldest
/// packet is overwritten (counted) rather than growing without bound.
/// </summary>
internal sealed class RtpPacketQueue
{
    public const int MaxDatagram = 1500;

    private readonly byte[][] _buffers;
    private readonly int[] _lengths;
    private int _head;
    private int _count;

    public RtpPacketQueue(int capacity = 32)
    {
        _buffers = new byte[capacity][];
        for (var i = 0; i < capacity; i++) _buffers[i] = new byte[MaxDatagram];
        _lengths = new int[capacity];
    }

    public long Overwritten { get; private set; }

    public int Count => _count;

    /// <summary>The buffer of the next packet; call <see cref="Commit"/> with its length once written.</summary>
    public Span<byte> Reserve()
    {
        if (_count == _buffers.Length)
        {
            _head = (_head + 1) % _buffers.Length;
            _count--;
            Overwritten++;
        }
        return _buffers[(_head + _count) % _buffers.Length];
    }

    public void Commit(int length)
    {
        _lengths[(_head + _count) % _buffers.Length] = length;
        _count++;
    }

    public bool TryDequeue(Span<byte> destination, out int length)
    {
        length = 0;
        if (_count == 0) return false;
        length = _lengths[_head];
        if (destination.Length < length)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; the packet needs {length}.", nameof(destination));
        _buffers[_head].AsSpan(0, length).CopyTo(destination);
        _head = (_head + 1) % _buffers.Length;
        _count--;
        return true;
    }
}
