namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// Packet index estimation (RFC 3711 §3.3.1 and Appendix A): guess the ROC of a received sequence number
/// from the highest sequence number s_l and ROC seen so far, choosing the nearest of ROC-1, ROC, ROC+1.
/// </summary>
internal static class RolloverCounter
{
    public static uint EstimateRoc(uint roc, ushort highestSeq, ushort seq)
    {
        if (highestSeq < 0x8000)
        {
            // A sequence number far above s_l is late from before the last wrap.
            return seq - highestSeq > 0x8000 && roc > 0 ? roc - 1 : roc;
        }
        // A sequence number far below s_l belongs after the next wrap.
        return highestSeq - 0x8000 > seq ? roc + 1 : roc;
    }

    /// <summary>The 48-bit packet index i = 2^16 * ROC + SEQ (RFC 3711 §3.3.1).</summary>
    public static ulong Index(uint roc, ushort seq) => ((ulong)roc << 16) | seq;
}
