using System.Text;
using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.Tests.WebRtc.Ice;

/// <summary>Builds connectivity checks the way a full, controlling browser agent sends them (RFC 8445 §7.1).</summary>
internal static class BindingRequests
{
    public static byte[] Check(string username, string password, bool useCandidate = false, bool controlled = false,
        bool integrity = true, ushort? extraAttribute = null, bool fingerprint = true, ushort type = StunMessageType.BindingRequest)
    {
        var buffer = new byte[256];
        var w = new StunMessageWriter(buffer, type, StunTransactionId.NewRandom());
        w.WriteString(StunAttributeType.Username, username);
        w.WriteUInt32(StunAttributeType.Priority, 0x6e0001ff);
        w.WriteUInt64(controlled ? StunAttributeType.IceControlled : StunAttributeType.IceControlling, 0x1122334455667788);
        if (useCandidate)
        {
            w.WriteFlag(StunAttributeType.UseCandidate);
        }
        if (extraAttribute is { } extra)
        {
            w.WriteAttribute(extra, [1, 2, 3, 4]);
        }
        if (integrity)
        {
            w.WriteMessageIntegrity(Encoding.UTF8.GetBytes(password));
        }
        if (fingerprint)
        {
            w.WriteFingerprint();
        }
        return buffer[..w.Length];
    }
}
