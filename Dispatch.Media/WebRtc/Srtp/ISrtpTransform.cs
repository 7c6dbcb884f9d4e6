namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// The cryptographic half of an SRTP context: encrypts and authenticates one packet whose index the
/// context has already worked out. Framing of the SRTCP trailer differs by transform (RFC 3711 §3.4
/// puts the index before the tag, RFC 7714 §9.3 after it), so the transform owns it.
/// </summary>
internal interface ISrtpTransform : IDisposable
{
    int RtpTagLength { get; }

    /// <summary>Encrypts <c>packet[headerLength..payloadEnd]</c> and writes the tag at <paramref name="payloadEnd"/>.</summary>
    void ProtectRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint roc, ushort seq);

    /// <summary>Checks the tag at <paramref name="payloadEnd"/> and decrypts in place.</summary>
    bool UnprotectRtp(Span<byte> packet, int headerLength, int payloadEnd, uint ssrc, uint roc, ushort seq);

    /// <summary>Encrypts an RTCP compound in place and appends index and tag; returns the protected length.</summary>
    int ProtectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex);

    /// <summary>Where the E flag and SRTCP index sit in a protected packet of <paramref name="length"/> bytes.</summary>
    int SrtcpIndexOffset(int length);

    int RtcpOverhead { get; }

    /// <summary>Checks and decrypts in place; the plain RTCP is <c>packet[..(length - RtcpOverhead)]</c>.</summary>
    bool UnprotectRtcp(Span<byte> packet, int length, uint ssrc, uint srtcpIndex, bool encrypted);
}
