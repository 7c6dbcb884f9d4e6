using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.WebRtc.Echo;

/// <summary>
/// Which of our send streams reflects which of the peer's: learned from the first packet of each peer SSRC by its
/// payload type (the media codec's type maps to the section's SSRC, its rtx type to the section's rtx SSRC),
/// so that offers without a=ssrc lines work too. Also the reverse, to route feedback about our streams back to
/// the peer's source.
/// </summary>
internal sealed class EchoStreamMap
{
    private readonly Dictionary<int, uint> _outputByPayloadType = [];
    private readonly Dictionary<uint, uint> _outputBySource = [];
    private readonly Dictionary<uint, uint> _sourceByOutput = [];
    private readonly Dictionary<uint, int> _clockRateByOutput = [];

    public EchoStreamMap(IEnumerable<(NegotiatedMedia Media, LocalSendStream Stream)> sections)
    {
        foreach (var (media, stream) in sections)
        {
            foreach (var codec in media.Codecs)
            {
                _outputByPayloadType.TryAdd(codec.PayloadType, stream.Ssrc);
                _clockRateByOutput.TryAdd(stream.Ssrc, codec.ClockRate);
                if (codec.RtxPayloadType is { } rtx && stream.RtxSsrc is { } rtxSsrc)
                {
                    _outputByPayloadType.TryAdd(rtx, rtxSsrc);
                    _clockRateByOutput.TryAdd(rtxSsrc, codec.ClockRate);
                }
            }
        }
    }

    public IReadOnlyCollection<uint> Sources => _outputBySource.Keys;

    /// <summary>Our SSRC for a peer packet, learning the pairing on first sight; null when its payload type was not negotiated.</summary>
    public uint? OutputFor(uint sourceSsrc, int payloadType, out bool newSource)
    {
        newSource = false;
        if (_outputBySource.TryGetValue(sourceSsrc, out var known))
        {
            return known;
        }
        if (!_outputByPayloadType.TryGetValue(payloadType, out var output))
        {
            return null;
        }
        newSource = true;
        _outputBySource[sourceSsrc] = output;
        _sourceByOutput[output] = sourceSsrc;
        return output;
    }

    public uint? OutputOf(uint sourceSsrc) => _outputBySource.TryGetValue(sourceSsrc, out var o) ? o : null;

    /// <summary>The peer SSRC our stream currently reflects (the latest one, after an SSRC change).</summary>
    public uint? SourceOf(uint outputSsrc) => _sourceByOutput.TryGetValue(outputSsrc, out var s) ? s : null;

    public int ClockRateOf(uint outputSsrc) => _clockRateByOutput.GetValueOrDefault(outputSsrc, 90_000);
}
