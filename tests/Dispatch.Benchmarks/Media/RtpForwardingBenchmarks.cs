using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Dispatch.Media.WebRtc.Rtp;
using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Benchmarks.Media;

/// <summary>
/// The SFU forwarding path for one 1,200-byte packet: the rewrite alone, and the whole hop
/// (unprotect from the sender, rewrite SSRC/seq/timestamp, protect for the receiver). Must allocate 0 bytes.
/// </summary>
[MemoryDiagnoser]
public class RtpForwardingBenchmarks
{
    private const int PacketLength = 1200;
    private readonly byte[] _plain = new byte[PacketLength];
    private readonly byte[] _buffer = new byte[PacketLength + 16];
    private RtpForwardingRewriter _rewriter = null!;
    private SrtpSession _publisher = null!;
    private SrtpSession _serverFromPublisher = null!;
    private SrtpSession _serverToSubscriber = null!;
    private ushort _seq;

    [GlobalSetup]
    public void Setup()
    {
        _rewriter = new RtpForwardingRewriter(outputSsrc: 0xAAAA0001, clockRate: 90_000, TimeProvider.System);
        var material = new byte[60];
        new Random(3).NextBytes(material);
        _publisher = SrtpSession.FromDtlsKeyingMaterial(SrtpProfile.AesCm128HmacSha1_80, material, isDtlsClient: true);
        _serverFromPublisher = SrtpSession.FromDtlsKeyingMaterial(SrtpProfile.AesCm128HmacSha1_80, material, isDtlsClient: false);
        var other = new byte[60];
        new Random(4).NextBytes(other);
        _serverToSubscriber = SrtpSession.FromDtlsKeyingMaterial(SrtpProfile.AesCm128HmacSha1_80, other, isDtlsClient: false);
        new Random(5).NextBytes(_plain);
        RtpHeaderWriter.Write(_plain, false, 96, 0, 0, 0x12345678);
    }

    [Benchmark(Baseline = true)]
    public bool Rewrite()
    {
        BinaryPrimitives.WriteUInt16BigEndian(_plain.AsSpan(2), ++_seq);
        return _rewriter.TryRewrite(_plain);
    }

    /// <summary>Publisher protect is set-up for the hop and is inside the measurement too (one extra protect).</summary>
    [Benchmark]
    public int UnprotectRewriteProtect()
    {
        _plain.CopyTo(_buffer, 0);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), ++_seq);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(8), 0x12345678);
        _publisher.Outbound.ProtectRtp(_buffer, PacketLength, out var wireLength);
        if (_serverFromPublisher.Inbound.UnprotectRtp(_buffer.AsSpan(0, wireLength), out var plainLength) != SrtpResult.Ok
            || !_rewriter.TryRewrite(_buffer.AsSpan(0, plainLength))
            || _serverToSubscriber.Outbound.ProtectRtp(_buffer, plainLength, out var outLength) != SrtpResult.Ok)
        {
            throw new InvalidOperationException("forwarding hop failed");
        }
        return outLength;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _publisher.Dispose();
        _serverFromPublisher.Dispose();
        _serverToSubscriber.Dispose();
    }
}
