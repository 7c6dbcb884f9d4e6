namespace Dispatch.Media.Audio.G711;

/// <summary>
/// Packet loss concealment for G.711, after the idea of ITU-T G.711 Appendix I in its simplest form: a lost frame
/// repeats the last good one, fading by half per lost frame, and is silent from the fourth loss on, so a short gap
/// is bridged without a click and a long one does not buzz.
/// </summary>
public sealed class G711Concealment
{
    private const int MaxRepeats = 3;
    private readonly short[] _lastGood = new short[AudioFrame.NarrowbandSamples];
    private int _lostInRow;

    public void Remember(ReadOnlySpan<short> frame)
    {
        frame[..Math.Min(frame.Length, _lastGood.Length)].CopyTo(_lastGood);
        _lostInRow = 0;
    }

    public void Conceal(Span<short> frame)
    {
        _lostInRow++;
        if (_lostInRow > MaxRepeats)
        {
            frame.Clear();
            return;
        }
        var shift = _lostInRow;
        for (var i = 0; i < frame.Length; i++) frame[i] = (short)(_lastGood[i % _lastGood.Length] >> shift);
    }
}
