using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;
using Dispatch.Media.WebRtc.Forwarding;
using Dispatch.Media.WebRtc.Rtp;
using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Benchmarks.Media;

/// <summary>
/// One 1,200-byte VP8 packet (MID and abs-send-time extensions) forwarded leg to leg by <see cref="ForwardingDirection"/>:
/// unprotect from the sender, route by payload type, map extensions, rewrite SSRC/seq/timestamp, protect for the
/// receiver. The baseline is the bare SRTP protect + unprotect of the same packet; the sender's protect is inside
/// every measurement (it makes the packet to forward). "Same" is two browsers of one make (ids and mids equal,
/// the packet is rewritten in place); "Remapped" is a receiver with other ids and mids (the header is rebuilt).
/// </summary>
[MemoryDiagnoser]
public class LegForwardingBenchmarks
{
    private const int PacketLength = 1200;
    private readonly byte[] _plain = new byte[PacketLength];
    private readonly byte[] _buffer = new byte[PacketLength + 64];
    private SrtpSession _sender = null!;
    private SrtpSession _fromSender = null!;
    private ForwardingDirection _same = null!;
    private ForwardingDirection _remapped = null!;
    private ProtectingLeg _receiver = null!;
    private ushort _seq;

    [GlobalSetup]
    public void Setup()
    {
        var material = new byte[60];
        new Random(3).NextBytes(material);
        _sender = SrtpSession.FromDtlsKeyingMaterial(SrtpProfile.AesCm128HmacSha1_80, material, isDtlsClient: true);
        _fromSender = SrtpSession.FromDtlsKeyingMaterial(SrtpProfile.AesCm128HmacSha1_80, material, isDtlsClient: false);
        var other = new byte[60];
        new Random(4).NextBytes(other);
        _receiver = new ProtectingLeg("b", Video("1", 96, 4, 2, 0xB0000001), SrtpSession.FromDtlsKeyingMaterial(SrtpProfile.AesCm128HmacSha1_80, other, isDtlsClient: false));
        var remappedReceiver = new ProtectingLeg("c", Video("video", 120, 9, 3, 0xC0000001), _receiver.Srtp);
        var sender = new ProtectingLeg("a", Video("1", 96, 4, 2, 0xA0000001), _fromSender);
        _same = new ForwardingDirection(sender, _receiver, TimeProvider.System);
        _remapped = new ForwardingDirection(sender, remappedReceiver, TimeProvider.System);
        new Random(5).NextBytes(_plain);
        RtpHeaderWriter.Write(_plain, false, 96, 0, 0, 0x12345678, extensions:
        [
            new RtpExtensionElement(4, "1"u8.ToArray()),
            new RtpExtensionElement(2, new byte[] { 1, 2, 3 }),
        ]);
    }

    [Benchmark(Baseline = true)]
    public int SrtpProtectAndUnprotect()
    {
        var length = Publish();
        if (_fromSender.Inbound.UnprotectRtp(_buffer.AsSpan(0, length), out var plainLength) != SrtpResult.Ok)
        {
            throw new InvalidOperationException("unprotect failed");
        }
        return plainLength;
    }

    [Benchmark]
    public long ForwardSameNumbering() => Forward(_same);

    [Benchmark]
    public long ForwardRemapped() => Forward(_remapped);

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _fromSender.Dispose();
        _receiver.Srtp.Dispose();
    }

    private long Forward(ForwardingDirection direction)
    {
        var length = Publish();
        if (_fromSender.Inbound.UnprotectRtp(_buffer.AsSpan(0, length), out var plainLength) != SrtpResult.Ok)
        {
            throw new InvalidOperationException("unprotect failed");
        }
        var before = direction.Forwarded;
        direction.Forward(_buffer.AsSpan(0, plainLength));
        if (direction.Forwarded != before + 1)
        {
            throw new InvalidOperationException("the packet was not forwarded");
        }
        return _receiver.LastLength;
    }

    private int Publish()
    {
        _plain.CopyTo(_buffer, 0);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), ++_seq);
        _sender.Outbound.ProtectRtp(_buffer, PacketLength, out var wireLength);
        return wireLength;
    }

    private static LegSection Video(string mid, int payloadType, int midId, int absSendTimeId, uint ssrc) =>
        new(mid, "video", [new NegotiatedCodec(payloadType, "VP8", 90_000, null, "", ["nack", "nack pli"], payloadType + 1)],
            [new ExtMap(midId, MediaCapabilities.MidUri), new ExtMap(absSendTimeId, MediaCapabilities.AbsSendTimeUri)])
        {
            Send = new LocalSendStream(ssrc, "bench", "video", ssrc + 1),
        };

    /// <summary>A connected leg that protects what it is given into one buffer, as a WebRTC leg does before queueing.</summary>
    private sealed class ProtectingLeg(string id, LegSection video, SrtpSession srtp) : IMediaLeg
    {
        private readonly byte[] _out = new byte[2048];

        public SrtpSession Srtp { get; } = srtp;

        public int LastLength { get; private set; }

        public string LegId => id;

        public IReadOnlyList<LegSection> Sections { get; } = [video];

        public bool IsConnected => true;

        public uint ReporterSsrc => video.Send!.Ssrc;

        public IMediaLegSink? Sink { get; set; }

        public bool SendRtp(ReadOnlySpan<byte> packet)
        {
            packet.CopyTo(_out);
            var ok = Srtp.Outbound.ProtectRtp(_out, packet.Length, out var length) == SrtpResult.Ok;
            LastLength = length;
            return ok;
        }

        public bool SendRtcp(ReadOnlySpan<byte> compound) => true;
    }
}
