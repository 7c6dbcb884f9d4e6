namespace Dispatch.Media.Audio.Jitter;

/// <summary>
/// A per-direction jitter buffer of 20 ms RTP audio frames, keyed by sequence number (one packet = one frame, as
/// the SDP's ptime 20 asks), in virtual time. Packets are stored in a fixed ring (no allocation per packet) and
/// played one per <see cref="Pop"/> in sequence order:
/// <code>
///   Push ──► [ slot seq%N | slot | slot ... ] ──► Pop every 20 ms: Frame | Missing (conceal) | Idle
///              starts PlayoutDelay after the first packet; a packet Capacity frames ahead moves playout on
/// </code>
/// Reordered packets land in their slot; a packet whose turn has passed is late and dropped; a frame whose turn
/// comes with no packet is reported Missing so the decoder conceals it. After a run of missing frames (the sender
/// paused, or silence suppression) the buffer goes idle and rebuffers on the next packet.
/// </summary>
public sealed class JitterBuffer
{
    /// <summary>Sequence distance past which a packet is taken as a restarted stream, not as reordering.</summary>
    private const int ResyncDistance = 1000;

    private readonly JitterBufferOptions _options;
    private readonly byte[][] _payloads;
    private readonly int[] _lengths;
    private readonly long[] _sequences; // extended sequence held by each slot, -1 when empty
    private readonly uint[] _timestamps;

    private bool _buffering = true;
    private bool _hasPackets;
    private TimeSpan _playAt;
    private long _next;      // extended sequence of the frame due at the next Pop
    private long _highest = -1;
    private int _missingRun;

    public JitterBuffer(JitterBufferOptions? options = null)
    {
        _options = options ?? new JitterBufferOptions();
        if (_options.Capacity < 2) throw new ArgumentException("A jitter buffer needs at least two slots.", nameof(options));
        _payloads = new byte[_options.Capacity][];
        for (var i = 0; i < _payloads.Length; i++) _payloads[i] = new byte[_options.MaxPayloadBytes];
        _lengths = new int[_options.Capacity];
        _sequences = new long[_options.Capacity];
        _timestamps = new uint[_options.Capacity];
        Array.Fill(_sequences, -1);
    }

    public JitterStatistics Statistics { get; } = new();

    /// <summary>True while frames are being played (not idle or buffering).</summary>
    public bool IsPlaying => !_buffering;

    /// <summary>Frames held that have not been played yet.</summary>
    public int Depth
    {
        get
        {
            var depth = 0;
            foreach (var s in _sequences) if (s >= _next) depth++;
            return depth;
        }
    }

    /// <summary>Stores a packet's payload; false when it is late, a duplicate or too big.</summary>
    public bool Push(ReadOnlySpan<byte> payload, ushort sequenceNumber, uint timestamp, TimeSpan now)
    {
        Statistics.Received++;
        if (payload.Length > _options.MaxPayloadBytes)
        {
            Statistics.Dropped++;
            return false;
        }
        if (!_hasPackets)
        {
            Start(sequenceNumber, now);
        }
        var sequence = Extend(sequenceNumber);
        if (Math.Abs(sequence - _next) > ResyncDistance)
        {
            // RFC 3550 §A.1: a big jump is a restarted sender, not a very late packet.
            Statistics.Rebuffers++;
            Clear();
            Start(sequenceNumber, now);
            sequence = _next;
        }
        if (sequence < _next)
        {
            if (_buffering && _next - sequence < _options.Capacity && sequence > _highest - _options.Capacity)
            {
                _next = sequence; // reordered before playout began: it simply starts earlier
            }
            else
            {
                Statistics.Late++;
                return false;
            }
        }
        if (sequence >= _next + _options.Capacity)
        {
            // Bound the delay: play from the frame that keeps this one within capacity, dropping what is older.
            var newNext = sequence - _options.Capacity + 1;
            for (var s = _next; s < newNext; s++)
            {
                if (SlotHolds(s)) _sequences[Slot(s)] = -1;
                Statistics.Dropped++;
            }
            _next = newNext;
        }
        var slot = Slot(sequence);
        if (_sequences[slot] == sequence)
        {
            Statistics.Duplicates++;
            return false;
        }
        payload.CopyTo(_payloads[slot]);
        _lengths[slot] = payload.Length;
        _sequences[slot] = sequence;
        _timestamps[slot] = timestamp;
        _highest = Math.Max(_highest, sequence);
        if (_buffering && _missingRun > 0)
        {
            // Coming back after a pause: wait the playout delay again from this packet.
            _missingRun = 0;
            _playAt = now + _options.PlayoutDelay;
            _next = sequence;
        }
        return true;
    }

    /// <summary>The frame due now, copied into <paramref name="payload"/> when it is a <see cref="JitterFrameKind.Frame"/>.</summary>
    public JitterFrame Pop(TimeSpan now, Span<byte> payload)
    {
        if (_buffering)
        {
            if (!_hasPackets || now < _playAt || !AnyHeld()) return default;
            _buffering = false;
            _missingRun = 0;
        }
        var sequence = _next++;
        if (SlotHolds(sequence))
        {
            var slot = Slot(sequence);
            _sequences[slot] = -1;
            _payloads[slot].AsSpan(0, _lengths[slot]).CopyTo(payload);
            _missingRun = 0;
            Statistics.Played++;
            return new JitterFrame(JitterFrameKind.Frame, _lengths[slot], (ushort)sequence, _timestamps[slot]);
        }
        Statistics.Lost++;
        if (++_missingRun >= _options.MissingFramesBeforeRebuffer && !AnyHeld())
        {
            _buffering = true;
            Statistics.Rebuffers++;
        }
        return new JitterFrame(JitterFrameKind.Missing, 0, (ushort)sequence, 0);
    }

    /// <summary>The payload of the frame due at the next Pop, if it is here (for Opus FEC after a Missing frame).</summary>
    public ReadOnlySpan<byte> PeekNext() =>
        SlotHolds(_next) ? _payloads[Slot(_next)].AsSpan(0, _lengths[Slot(_next)]) : ReadOnlySpan<byte>.Empty;

    private void Start(ushort sequenceNumber, TimeSpan now)
    {
        _hasPackets = true;
        _buffering = true;
        _missingRun = 0;
        // Extended numbers start one cycle up, so a packet reordered across the start never goes negative.
        _next = sequenceNumber + 65536L;
        _highest = _next - 1;
        _playAt = now + _options.PlayoutDelay;
    }

    private void Clear()
    {
        Array.Fill(_sequences, -1);
        _hasPackets = false;
    }

    /// <summary>RFC 3550 §A.1: widen the 16-bit number to the one nearest the frame due next.</summary>
    private long Extend(ushort sequenceNumber)
    {
        var delta = (short)(sequenceNumber - (ushort)_next);
        return _next + delta;
    }

    private bool AnyHeld()
    {
        foreach (var s in _sequences) if (s >= _next) return true;
        return false;
    }

    private int Slot(long sequence) => (int)(sequence % _options.Capacity);

    private bool SlotHolds(long sequence) => sequence >= 0 && _sequences[Slot(sequence)] == sequence;
}
