using Dispatch.Media.WebRtc.Rtcp;

namespace Dispatch.Media.WebRtc.Echo;

/// <summary>
/// Reception statistics of one peer SSRC for its report block (RFC 3550 §6.4.1, Appendix A.1 and A.3):
/// extended highest sequence number, cumulative and interval loss, and the last SR's timestamp for the
/// round-trip estimate. Interarrival jitter is reported as 0 (the echo has no playout clock to measure it by).
/// </summary>
internal sealed class ReceiveStatistics(uint ssrc)
{
    private bool _started;
    private ushort _baseSeq;
    private ushort _maxSeq;
    private uint _cycles;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private uint _lastSrMiddle;
    private long _lastSrTicks;

    public uint Ssrc { get; } = ssrc;

    public void OnPacket(ushort seq)
    {
        if (!_started)
        {
            _started = true;
            _baseSeq = seq;
            _maxSeq = seq;
        }
        else if ((short)(seq - _maxSeq) > 0)
        {
            if (seq < _maxSeq)
            {
                _cycles += 1 << 16;
            }
            _maxSeq = seq;
        }
        _received++;
    }

    /// <summary>RFC 3550 §6.4.1: LSR is the middle 32 bits of the SR's NTP timestamp.</summary>
    public void OnSenderReport(ulong ntpTimestamp, long arrivalTicks)
    {
        _lastSrMiddle = (uint)(ntpTimestamp >> 16);
        _lastSrTicks = arrivalTicks;
    }

    public ReportBlock Report(TimeProvider time)
    {
        var extendedMax = _cycles + _maxSeq;
        var expected = (long)extendedMax - _baseSeq + 1;
        var lost = expected - _received;
        var expectedInterval = expected - _expectedPrior;
        var lostInterval = expectedInterval - (_received - _receivedPrior);
        _expectedPrior = expected;
        _receivedPrior = _received;
        var fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        // DLSR in units of 1/65536 s.
        var delay = _lastSrMiddle == 0 ? 0u : (uint)(time.GetElapsedTime(_lastSrTicks).TotalSeconds * 65536);
        return new ReportBlock(Ssrc, (byte)fraction, (int)Math.Clamp(lost, -0x800000, 0x7FFFFF), extendedMax, 0, _lastSrMiddle, delay);
    }
}
