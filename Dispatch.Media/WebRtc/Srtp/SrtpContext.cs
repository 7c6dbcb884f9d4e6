using System.Buffers.Binary;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// One direction of an SRTP/SRTCP session (RFC 3711 §3.2): an outbound context protects, an inbound one
/// unprotects. Work happens in place on the caller's buffer and allocates nothing per packet once an
/// SSRC has been seen. Not thread-safe: one context per direction per transport, driven by one loop.
/// <code>
///  protect:   [RTP header | payload ] -> [RTP header | encrypted payload | tag]
///  protect:   [RTCP ...             ] -> [hdr+SSRC | encrypted | E+index | tag]     (AES-CM)
///                                        [hdr+SSRC | encrypted | tag | E+index]     (AES-GCM)
/// </code>
/// </summary>
public sealed class SrtpContext : IDisposable
{
    private readonly ISrtpTransform _transform;
    private readonly Dictionary<uint, SrtpStream> _streams = [];
    private readonly int _maxStreams;

    /// <summary>Derives the session keys from a master key (RFC 3711 §4.3), e.g. one half of DTLS-SRTP keying material.</summary>
    public SrtpContext(SrtpProfile profile, SrtpMasterKey masterKey, int maxStreams = 64)
        : this(profile, SrtpSessionKeys.Derive(profile, masterKey.Key, masterKey.Salt), maxStreams)
    {
    }

    internal SrtpContext(SrtpProfile profile, (SrtpSessionKeys Rtp, SrtpSessionKeys Rtcp) keys, int maxStreams = 64)
    {
        Profile = profile;
        Parameters = SrtpProfileParameters.Of(profile);
        _maxStreams = maxStreams;
        _transform = Parameters.IsAead
            ? new AesGcmTransform(keys.Rtp, keys.Rtcp)
            : new AesCmHmacSha1Transform(keys.Rtp, keys.Rtcp, Parameters.RtpTagLength, Parameters.RtcpTagLength);
    }

    public SrtpProfile Profile { get; }
    public SrtpProfileParameters Parameters { get; }

    /// <summary>
    /// Encrypts and authenticates <c>buffer[..length]</c> in place; the buffer needs
    /// <see cref="SrtpProfileParameters.RtpOverhead"/> spare bytes after the packet.
    /// </summary>
    public SrtpResult ProtectRtp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if ((uint)length > (uint)buffer.Length
            || RtpHeader.TryGetHeaderLength(buffer[..length], out var headerLength, out _, out _) != RtpParseError.None)
        {
            return SrtpResult.Malformed;
        }
        if (buffer.Length - length < _transform.RtpTagLength)
        {
            return SrtpResult.BufferTooSmall;
        }
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
        var seq = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        if (!TryGetStream(ssrc, create: true, out var stream))
        {
            return SrtpResult.TooManyStreams;
        }
        // RFC 3711 §3.3.1: the sender's ROC counts wraps of its own sequence numbers.
        var roc = stream.RtpStarted ? RolloverCounter.EstimateRoc(stream.Roc, stream.HighestSeq, seq) : stream.Roc;
        if (!stream.RtpStarted || RolloverCounter.Index(roc, seq) > RolloverCounter.Index(stream.Roc, stream.HighestSeq))
        {
            stream.Roc = roc;
            stream.HighestSeq = seq;
            stream.RtpStarted = true;
        }
        _transform.ProtectRtp(buffer, headerLength, length, ssrc, roc, seq);
        protectedLength = length + _transform.RtpTagLength;
        return SrtpResult.Ok;
    }

    /// <summary>Authenticates, replay-checks and decrypts in place; the plain packet is <c>packet[..plainLength]</c>.</summary>
    public SrtpResult UnprotectRtp(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        var payloadEnd = packet.Length - _transform.RtpTagLength;
        if (payloadEnd < RtpHeader.FixedLength
            || RtpHeader.TryGetHeaderLength(packet[..payloadEnd], out var headerLength, out _, out _) != RtpParseError.None)
        {
            return SrtpResult.Malformed;
        }
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        var seq = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        _streams.TryGetValue(ssrc, out var stream);
        // RFC 3711 §3.3.1: a new stream starts with s_l = SEQ and ROC = 0 (or a signalled ROC).
        var roc = stream is { RtpStarted: true } ? RolloverCounter.EstimateRoc(stream.Roc, stream.HighestSeq, seq) : stream?.Roc ?? 0;
        var index = RolloverCounter.Index(roc, seq);
        if (stream is { RtpStarted: true })
        {
            var replay = stream.RtpReplay.Check(index);
            if (replay != SrtpResult.Ok)
            {
                return replay;
            }
        }
        if (!_transform.UnprotectRtp(packet, headerLength, payloadEnd, ssrc, roc, seq))
        {
            return SrtpResult.AuthenticationFailed;
        }
        // State is created or advanced only for authenticated packets (RFC 3711 §3.3.2).
        if (stream is null && !TryGetStream(ssrc, create: true, out stream))
        {
            return SrtpResult.TooManyStreams;
        }
        if (!stream.RtpStarted || index > RolloverCounter.Index(stream.Roc, stream.HighestSeq))
        {
            stream.Roc = roc;
            stream.HighestSeq = seq;
            stream.RtpStarted = true;
        }
        stream.RtpReplay.Accept(index);
        plainLength = payloadEnd;
        return SrtpResult.Ok;
    }

    /// <summary>
    /// Protects an RTCP compound in place; the buffer needs <see cref="SrtpProfileParameters.RtcpOverhead"/>
    /// spare bytes. The SRTCP index is kept per sender SSRC and starts at 0.
    /// </summary>
    public SrtpResult ProtectRtcp(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if ((uint)length > (uint)buffer.Length || length < 8 || buffer[0] >> 6 != 2)
        {
            return SrtpResult.Malformed;
        }
        if (buffer.Length - length < _transform.RtcpOverhead)
        {
            return SrtpResult.BufferTooSmall;
        }
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        if (!TryGetStream(ssrc, create: true, out var stream))
        {
            return SrtpResult.TooManyStreams;
        }
        // RFC 3711 §3.4: the index is 31 bits and must not wrap under one key.
        if (stream.NextSrtcpIndex > 0x7FFFFFFF)
        {
            return SrtpResult.IndexExhausted;
        }
        protectedLength = _transform.ProtectRtcp(buffer, length, ssrc, stream.NextSrtcpIndex++);
        return SrtpResult.Ok;
    }

    public SrtpResult UnprotectRtcp(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        if (packet.Length < 8 + _transform.RtcpOverhead || packet[0] >> 6 != 2)
        {
            return SrtpResult.Malformed;
        }
        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        var word = BinaryPrimitives.ReadUInt32BigEndian(packet[_transform.SrtcpIndexOffset(packet.Length)..]);
        var encrypted = (word & 0x80000000u) != 0;
        var index = word & 0x7FFFFFFFu;
        _streams.TryGetValue(ssrc, out var stream);
        if (stream is not null)
        {
            var replay = stream.RtcpReplay.Check(index);
            if (replay != SrtpResult.Ok)
            {
                return replay;
            }
        }
        if (!_transform.UnprotectRtcp(packet, packet.Length, ssrc, index, encrypted))
        {
            return SrtpResult.AuthenticationFailed;
        }
        if (stream is null && !TryGetStream(ssrc, create: true, out stream))
        {
            return SrtpResult.TooManyStreams;
        }
        stream.RtcpReplay.Accept(index);
        plainLength = packet.Length - _transform.RtcpOverhead;
        return SrtpResult.Ok;
    }

    /// <summary>Sets a stream's ROC, for a receiver joining mid-stream with a signalled ROC (RFC 4568 / RFC 3711 §3.3.1).</summary>
    public void SetRolloverCounter(uint ssrc, uint roc)
    {
        if (TryGetStream(ssrc, create: true, out var stream))
        {
            stream.Roc = roc;
        }
    }

    /// <summary>Starts a stream's SRTCP index elsewhere than 0 (known-answer tests use RFC 7714's 0x5d4).</summary>
    internal void SetNextSrtcpIndex(uint ssrc, uint index)
    {
        if (TryGetStream(ssrc, create: true, out var stream))
        {
            stream.NextSrtcpIndex = index;
        }
    }

    private bool TryGetStream(uint ssrc, bool create, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SrtpStream? stream)
    {
        if (_streams.TryGetValue(ssrc, out stream))
        {
            return true;
        }
        if (!create || _streams.Count >= _maxStreams)
        {
            return false;
        }
        stream = new SrtpStream();
        _streams.Add(ssrc, stream);
        return true;
    }

    public void Dispose() => _transform.Dispose();
}
