using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Dispatch.Media.WebRtc.Rtp;
using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Benchmarks.Media;

/// <summary>SRTP protect then unprotect of one 1,200-byte RTP packet, in place; must allocate 0 bytes.</summary>
[MemoryDiagnoser]
public class SrtpBenchmarks
{
    public const int PacketLength = 1200;

    private readonly byte[] _plain = new byte[PacketLength];
    private readonly byte[] _buffer = new byte[PacketLength + 16];
    private SrtpSession _sender = null!;
    private SrtpSession _receiver = null!;
    private ushort _seq;

    [Params(SrtpProfile.AesCm128HmacSha1_80, SrtpProfile.AeadAes128Gcm)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var material = new byte[SrtpKeyingMaterial.LengthFor(Profile)];
        new Random(1).NextBytes(material);
        _sender = SrtpSession.FromDtlsKeyingMaterial(Profile, material, isDtlsClient: true);
        _receiver = SrtpSession.FromDtlsKeyingMaterial(Profile, material, isDtlsClient: false);
        new Random(2).NextBytes(_plain);
        RtpHeaderWriter.Write(_plain, false, 96, 0, 0, 0x12345678);
    }

    [Benchmark]
    public int ProtectAndUnprotect()
    {
        _plain.CopyTo(_buffer, 0);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), ++_seq);
        if (_sender.Outbound.ProtectRtp(_buffer, PacketLength, out var protectedLength) != SrtpResult.Ok
            || _receiver.Inbound.UnprotectRtp(_buffer.AsSpan(0, protectedLength), out var plainLength) != SrtpResult.Ok)
        {
            throw new InvalidOperationException("SRTP round trip failed");
        }
        return plainLength;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }
}
