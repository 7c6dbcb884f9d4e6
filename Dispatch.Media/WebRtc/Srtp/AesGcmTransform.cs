using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// AEAD_AES_128_GCM and AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714). The RTP header is the
/// associated data (§8.2); for SRTCP the first eight bytes and the E||index word are (§9.2), and the
/// trailer is ciphertext | tag | E||index (§9.3). One <see cref="AesGcm"/> per key, reused.
/// </summary>
internal sealed class AesGcmTransform : ISrtpTransform
{
    private const int TagLength = 16;
    private readonly AesGcm _rtp;
    private readonly AesGcm _rtcp;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;

    public AesGcmTransform(SrtpSessionKeys rtp, SrtpSessionKeys rtcp)
    {
        _rtp = new AesGcm(rtp.CipherKey, TagLength);
        _rtcp = new AesGcm(rtcp.CipherKey, TagLength);
        _rtpSalt = rtp.Salt;
        _rtcpSalt = rtcp.Salt;
    }

    public int RtpTagLength => TagLength;
    public int RtcpOverhead => TagLength + 4;

    public void ProtectRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint roc, ushort seq)
    {
        Span<byte> nonce = stackalloc byte[12];
        RtpNonce(nonce, ssrc, roc, seq);
        var payload = packet[headerLength..payloadEnd];
        _rtp.Encrypt(nonce, payload, payload, packet.Slice(payloadEnd, TagLength), packet[..headerLength]);
    }

    public bool UnprotectRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint roc, ushort seq)
    {
        Span<byte> nonce = stackalloc byte[12];
        RtpNonce(nonce, ssrc, roc, seq);
        var payload = packet[headerLength..payloadEnd];
        try
        {
            _rtp.Decrypt(nonce, payload, packet.Slice(payloadEnd, TagLength), payload, packet[..headerLength]);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // AesGcm reports a bad tag only by throwing; it has already zeroed the output.
            return false;
        }
    }

    public int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex)
    {
        Span<byte> nonce = stackalloc byte[12];
        RtcpNonce(nonce, ssrc, srtcpIndex);
        Span<byte> aad = stackalloc byte[12];
        packet[..8].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[8..], 0x80000000u | srtcpIndex);
        var body = packet[8..length];
        _rtcp.Encrypt(nonce, body, body, packet.Slice(length, TagLength), aad);
        aad[8..].CopyTo(packet[(length + TagLength)..]);
        return length + TagLength + 4;
    }

    public int SrtcpIndexOffset(int length) => length - 4;

    public bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex, bool encrypted)
    {
        Span<byte> nonce = stackalloc byte[12];
        RtcpNonce(nonce, ssrc, srtcpIndex);
        var tagOffset = length - 4 - TagLength;
        var tag = packet.Slice(tagOffset, TagLength);
        try
        {
            if (encrypted)
            {
                Span<byte> aad = stackalloc byte[12];
                packet[..8].CopyTo(aad);
                packet[(length - 4)..length].CopyTo(aad[8..]);
                var body = packet[8..tagOffset];
                _rtcp.Decrypt(nonce, body, tag, body, aad);
            }
            else
            {
                // RFC 7714 §9.2: with E=0 the whole packet and index are associated data, nothing is encrypted.
                Span<byte> aad = stackalloc byte[Math.Min(tagOffset + 4, 1500)];
                if (aad.Length != tagOffset + 4)
                {
                    return false;
                }
                packet[..tagOffset].CopyTo(aad);
                packet[(length - 4)..length].CopyTo(aad[tagOffset..]);
                _rtcp.Decrypt(nonce, ReadOnlySpan<byte>.Empty, tag, Span<byte>.Empty, aad);
            }
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    /// <summary>RFC 7714 §8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR salt.</summary>
    private void RtpNonce(Span<byte> nonce, uint ssrc, uint roc, ushort seq)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[6..], roc);
        BinaryPrimitives.WriteUInt16BigEndian(nonce[10..], seq);
        Xor(nonce, _rtpSalt);
    }

    /// <summary>RFC 7714 §9.1: IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt.</summary>
    private void RtcpNonce(Span<byte> nonce, uint ssrc, uint srtcpIndex)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], srtcpIndex & 0x7FFFFFFF);
        Xor(nonce, _rtcpSalt);
    }

    private static void Xor(Span<byte> nonce, ReadOnlySpan<byte> salt)
    {
        for (var i = 0; i < nonce.Length; i++)
        {
            nonce[i] ^= salt[i];
        }
    }

    public void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }
}
