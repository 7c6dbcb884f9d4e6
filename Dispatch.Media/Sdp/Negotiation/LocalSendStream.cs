namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>
/// A stream we will send in one m= section: its SSRC, its rtx SSRC when retransmission was negotiated,
/// and the MediaStream/track ids the browser will surface (RFC 8830 §2).
/// </summary>
public sealed record LocalSendStream(uint Ssrc, string StreamId, string TrackId, uint? RtxSsrc = null);
