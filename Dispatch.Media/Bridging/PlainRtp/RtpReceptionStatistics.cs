using Dispatch.Media.WebRtc.Rtcp;

namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>
/// Reception statistics of the phone's stream for our report block (RFC 3550 §6.4.1): extended highest sequence
/// (Appendix A.1), cumulative and interval loss (A.3), interarrival jitter in RTP clock units (A.8), and the last
/// SR's middle NTP bits with its arrival time for the round-trip estimate.
/// </summary>
internal sealed class RtpReceptionStatistics(int clockRate)
{
    private bool _started;
    private ushort _baseSequence;
    private ushort _maxSequence;
    private uint _cycles;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private double _jitter;
    private uint _lastTransit;
    private uint _lastSrMiddle;
    private DateTimeOffset _lastSrArrival;

    public uint Ssrc { get; private set; }

    public long Received => _received;

    public bool HasReceived => _started;

    public void OnPacket(uint ssrc, ushort sequence, uint timestamp, DateTimeOffset arrival)
    {
        if (!_started || ssrc != Ssrc)
        {
            // A new SSRC restarts the statistics (RFC 3550 §8.2: the phone changed source).
            _started = true;
            Ssrc = ssrc;
            _baseSequence = _maxSequence = sequence;
            _cycles = 0;
            _received = _expectedPrior = _receivedPrior = 0;
            _jitter = 0;
            _lastTransit = Transit(timestamp, arrival);
        }
        else
        {
            if ((short)(sequence - _maxSequence) > 0)
            {
                if (sequence < _maxSequence) _cycles += 1 << 16;
                _maxSequence = sequence;
            }
            // A.8: J += (|D| - J) / 16, D the change in transit time between consecutive arrivals.
            var transit = Transit(timestamp, arrival);
            var d = Math.Abs((double)(int)(transit - _lastTransit));
            _lastTransit = transit;
            _jitter += (d - _jitter) / 16;
        }
        _received++;
    }

    public void OnSenderReport(ulong ntpTimestamp, DateTimeOffset arrival)
    {
        _lastSrMiddle = NtpTime.Middle(ntpTimestamp);
        _lastSrArrival = arrival;
    }

    public ReportBlock Report(DateTimeOffset now)
    {
        var extendedMax = _cycles + _maxSequence;
        var expected = (long)extendedMax - _baseSequence + 1;
        var lost = expected - _received;
        var expectedInterval = expected - _expectedPrior;
        var lostInterval = expectedInterval - (_received - _receivedPrior);
        _expectedPrior = expected;
        _receivedPrior = _received;
        var fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : Math.Min(255, (lostInterval << 8) / expectedInterval);
        var delay = _lastSrMiddle == 0 ? 0u : (uint)((now - _lastSrArrival).TotalSeconds * 65536);
        return new ReportBlock(Ssrc, (byte)fraction, (int)Math.Clamp(lost, -0x800000, 0x7FFFFF), extendedMax, (uint)_jitter, _lastSrMiddle, delay);
    }

    /// <summary>Arrival time in RTP clock units minus the RTP timestamp (A.8), modulo 2^32 so only differences count.</summary>
    private uint Transit(uint timestamp, DateTimeOffset arrival) =>
        unchecked((uint)(long)(arrival.ToUnixTimeMilliseconds() * (clockRate / 1000.0)) - timestamp);
}
