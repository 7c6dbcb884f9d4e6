using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// AES-CM encryption (RFC 3711 §4.1.1) with HMAC-SHA1 authentication (§4.2.1), tags truncated to 80 or
/// 32 bits. The authenticated portion is header plus encrypted payload, followed by the ROC for SRTP
/// (§4.2) and by E||SRTCP index for SRTCP (§3.4). HMAC and AES state is made once per key.
/// </summary>
internal sealed class AesCmHmacSha1Transform : ISrtpTransform
{
    private const int FullTag = 20;
    private readonly AesCounterMode _rtpCipher;
    private readonly AesCounterMode _rtcpCipher;
    private readonly IncrementalHash _rtpMac;
    private readonly IncrementalHash _rtcpMac;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;
    private readonly int _rtcpTagLength;

    public AesCmHmacSha1Transform(SrtpSessionKeys rtp, SrtpSessionKeys rtcp, int rtpTagLength, int rtcpTagLength)
    {
        _rtpCipher = new AesCounterMode(rtp.CipherKey);
        _rtcpCipher = new AesCounterMode(rtcp.CipherKey);
        _rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, rtp.AuthKey);
        _rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, rtcp.AuthKey);
        _rtpSalt = rtp.Salt;
        _rtcpSalt = rtcp.Salt;
        RtpTagLength = rtpTagLength;
        _rtcpTagLength = rtcpTagLength;
    }

    public int RtpTagLength { get; }
    public int RtcpOverhead => 4 + _rtcpTagLength;

    public void ProtectRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint roc, ushort seq)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(iv, _rtpSalt, ssrc, RolloverCounter.Index(roc, seq));
        _rtpCipher.Apply(iv, packet[headerLength..payloadEnd]);
        Span<byte> tag = stackalloc byte[FullTag];
        RtpTag(packet[..payloadEnd], roc, tag);
        tag[..RtpTagLength].CopyTo(packet[payloadEnd..]);
    }

    public bool UnprotectRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint roc, ushort seq)
    {
        Span<byte> tag = stackalloc byte[FullTag];
        RtpTag(packet[..payloadEnd], roc, tag);
        if (!CryptographicOperations.FixedTimeEquals(tag[..RtpTagLength], packet.Slice(payloadEnd, RtpTagLength)))
        {
            return false;
        }
        Span<byte> iv = stackalloc byte[16];
        BuildIv(iv, _rtpSalt, ssrc, RolloverCounter.Index(roc, seq));
        _rtpCipher.Apply(iv, packet[headerLength..payloadEnd]);
        return true;
    }

    public int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(iv, _rtcpSalt, ssrc, srtcpIndex);
        // RFC 3711 §3.4: the first eight bytes (header and sender SSRC) stay in the clear.
        _rtcpCipher.Apply(iv, packet[8..length]);
        BinaryPrimitives.WriteUInt32BigEndian(packet[length..], 0x80000000u | srtcpIndex);
        var authenticated = length + 4;
        Span<byte> tag = stackalloc byte[FullTag];
        _rtcpMac.AppendData(packet[..authenticated]);
        _rtcpMac.GetHashAndReset(tag);
        tag[.._rtcpTagLength].CopyTo(packet[authenticated..]);
        return authenticated + _rtcpTagLength;
    }

    public int SrtcpIndexOffset(int length) => length - _rtcpTagLength - 4;

    public bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex, bool encrypted)
    {
        var authenticated = length - _rtcpTagLength;
        Span<byte> tag = stackalloc byte[FullTag];
        _rtcpMac.AppendData(packet[..authenticated]);
        _rtcpMac.GetHashAndReset(tag);
        if (!CryptographicOperations.FixedTimeEquals(tag[.._rtcpTagLength], packet.Slice(authenticated, _rtcpTagLength)))
        {
            return false;
        }
        if (encrypted)
        {
            Span<byte> iv = stackalloc byte[16];
            BuildIv(iv, _rtcpSalt, ssrc, srtcpIndex);
            _rtcpCipher.Apply(iv, packet[8..(authenticated - 4)]);
        }
        return true;
    }

    private void RtpTag(ReadOnlySpan<byte> authenticatedPortion, uint roc, Span<byte> tag)
    {
        Span<byte> rocBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
        _rtpMac.AppendData(authenticatedPortion);
        _rtpMac.AppendData(rocBytes);
        _rtpMac.GetHashAndReset(tag);
    }

    /// <summary>RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16).</summary>
    private static void BuildIv(Span<byte> iv, ReadOnlySpan<byte> salt, uint ssrc, ulong index)
    {
        iv.Clear();
        salt.CopyTo(iv);
        iv[4] ^= (byte)(ssrc >> 24);
        iv[5] ^= (byte)(ssrc >> 16);
        iv[6] ^= (byte)(ssrc >> 8);
        iv[7] ^= (byte)ssrc;
        for (var k = 0; k < 6; k++)
        {
            iv[13 - k] ^= (byte)(index >> (8 * k));
        }
    }

    public void Dispose()
    {
        _rtpCipher.Dispose();
        _rtcpCipher.Dispose();
        _rtpMac.Dispose();
        _rtcpMac.Dispose();
    }
}
