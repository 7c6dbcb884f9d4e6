namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>Per-SSRC cryptographic state (RFC 3711 §3.2.1): ROC, s_l, replay lists, SRTCP index.</summary>
internal sealed class SrtpStream
{
    public uint Roc;
    public ushort HighestSeq;
    public bool RtpStarted;
    public ReplayWindow RtpReplay;
    public uint NextSrtcpIndex;
    public ReplayWindow RtcpReplay;
}
