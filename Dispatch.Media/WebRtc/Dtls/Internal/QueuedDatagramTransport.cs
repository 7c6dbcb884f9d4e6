using Org.BouncyCastle.Tls;

namespace Dispatch.Media.WebRtc.Dtls.Internal;

/// <summary>
/// The <see cref="DatagramTransport"/> BouncyCastle reads and writes: received datagrams wait in a bounded
/// queue, sent ones go to a callback. While a handshake runs, Receive parks the worker thread on a monitor
/// for at most the wait BouncyCastle asks for (its retransmission timer); once connected, Receive never
/// waits, because it is then called on the thread that just queued the datagram.
/// BouncyCastle sends one record per call; records are held and packed into as few datagrams as fit
/// (RFC 6347 §4.1.1 allows several records per datagram) until the stack waits for an answer or the endpoint
/// calls <see cref="Flush"/>. A whole flight then travels in one or two datagrams, so a single loss costs
/// the flight less often.
/// </summary>
internal sealed class QueuedDatagramTransport(int maxDatagramSize, int queueLimit, Action<byte[]> send, Action closedByStack)
    : DatagramTransport
{
    /// <summary>Larger than any MTU a peer will use; bigger datagrams are dropped.</summary>
    private const int ReceiveLimit = 2048;

    private readonly object _gate = new();
    private readonly Queue<byte[]> _inbound = new();
    private readonly object _sendGate = new();
    private readonly List<byte[]> _pendingRecords = [];
    private int _pendingBytes;
    private bool _waitForData = true;
    private bool _closed;

    public void Enqueue(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > ReceiveLimit)
        {
            return;
        }
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            if (_inbound.Count >= queueLimit)
            {
                _inbound.Dequeue();
            }
            _inbound.Enqueue(datagram.ToArray());
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>After the handshake, Receive returns at once when the queue is empty.</summary>
    public void StopWaiting()
    {
        lock (_gate)
        {
            _waitForData = false;
        }
    }

    /// <summary>Wakes a waiting handshake so that it fails out instead of waiting for its timeout.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            _closed = true;
            _inbound.Clear();
            Monitor.PulseAll(_gate);
        }
    }

    public bool IsAborted
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    public int GetReceiveLimit() => ReceiveLimit;

    public int GetSendLimit() => maxDatagramSize;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    public int Receive(Span<byte> buffer, int waitMillis)
    {
        // The stack only waits once its flight is complete.
        Flush();
        lock (_gate)
        {
            // BouncyCastle's convention: a wait of 0 means no limit.
            var deadline = waitMillis > 0 ? Environment.TickCount64 + waitMillis : long.MaxValue;
            while (true)
            {
                if (_closed && _waitForData)
                {
                    throw new IOException("DTLS endpoint closed during the handshake.");
                }
                if (_inbound.TryDequeue(out var datagram))
                {
                    if (datagram.Length > buffer.Length)
                    {
                        continue;
                    }
                    datagram.CopyTo(buffer);
                    return datagram.Length;
                }
                if (!_waitForData || _closed)
                {
                    return -1;
                }
                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return -1;
                }
                Monitor.Wait(_gate, (int)Math.Min(remaining, int.MaxValue));
            }
        }
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        lock (_sendGate)
        {
            if (_pendingBytes + buffer.Length > maxDatagramSize)
            {
                FlushLocked();
            }
            _pendingRecords.Add(buffer.ToArray());
            _pendingBytes += buffer.Length;
        }
    }

    /// <summary>Sends the held records as one datagram.</summary>
    public void Flush()
    {
        lock (_sendGate)
        {
            FlushLocked();
        }
    }

    private void FlushLocked()
    {
        if (_pendingRecords.Count == 0)
        {
            return;
        }
        var datagram = _pendingRecords.Count == 1 ? _pendingRecords[0] : new byte[_pendingBytes];
        if (_pendingRecords.Count > 1)
        {
            var offset = 0;
            foreach (var record in _pendingRecords)
            {
                record.CopyTo(datagram, offset);
                offset += record.Length;
            }
        }
        _pendingRecords.Clear();
        _pendingBytes = 0;
        send(datagram);
    }

    /// <summary>BouncyCastle calls this after sending or receiving close_notify, or after a fatal alert.</summary>
    public void Close()
    {
        Flush();
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
        closedByStack();
    }
}
