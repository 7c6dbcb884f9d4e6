using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls.Internal;

/// <summary>The UAC side toward one registered contact (one fork, RFC 3261 §16.6).</summary>
internal sealed class CalleeLeg(SipCall call, SipContactTarget target, SipRequest invite)
    : CallLeg(call, new SipDestination(target.Destination, IsReliable: false))
{
    public SipContactTarget Target { get; } = target;

    public SipRequest Invite { get; } = invite;

    public ClientTransaction? Transaction { get; set; }

    /// <summary>RFC 3261 §9.1: a CANCEL may only follow a provisional response.</summary>
    public bool HadProvisional { get; set; }

    /// <summary>The fork must be cancelled as soon as it sends a provisional response.</summary>
    public bool CancelWanted { get; set; }

    public bool CancelSent { get; set; }

    public int? FinalStatus { get; set; }

    /// <summary>The ACK sent for this fork's 2xx, sent again for each retransmitted 2xx (§13.2.2.4).</summary>
    public SipRequest? Ack { get; set; }

    /// <summary>Late offer (RFC 3264 §5, RFC 3261 §13.2.1): the ACK waits for the caller's ACK, which carries the answer.</summary>
    public bool AckAwaitsCaller { get; set; }
}
