namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// The sliding replay list of RFC 3711 §3.3.2: a bitmap of the last 64 indices at or below the highest
/// authenticated index. <see cref="Check"/> runs before authentication, <see cref="Accept"/> only after.
/// </summary>
internal struct ReplayWindow
{
    /// <summary>RFC 3711 §3.3.2 requires at least 64.</summary>
    public const int Size = 64;

    private ulong _highest;
    private ulong _bitmap;
    private bool _started;

    public readonly SrtpResult Check(ulong index)
    {
        if (!_started || index > _highest)
        {
            return SrtpResult.Ok;
        }
        var delta = _highest - index;
        if (delta >= Size)
        {
            return SrtpResult.TooOld;
        }
        return (_bitmap & (1UL << (int)delta)) != 0 ? SrtpResult.Replayed : SrtpResult.Ok;
    }

    public void Accept(ulong index)
    {
        if (!_started)
        {
            _started = true;
            _highest = index;
            _bitmap = 1;
            return;
        }
        if (index > _highest)
        {
            var shift = index - _highest;
            _bitmap = shift >= Size ? 1 : (_bitmap << (int)shift) | 1;
            _highest = index;
        }
        else
        {
            _bitmap |= 1UL << (int)(_highest - index);
        }
    }
}
