using Dispatch.Media.Sip.Dialogs;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls.Internal;

/// <summary>One side of a call through the B2BUA: its dialog once formed, and the 2xx it still retransmits.</summary>
internal abstract class CallLeg(SipCall call, SipDestination destination)
{
    public SipCall Call { get; } = call;

    /// <summary>Where requests and ACKs on this leg go (see <see cref="SipDialog"/> on why not the Contact).</summary>
    public SipDestination Destination { get; } = destination;

    public SipDialog? Dialog { get; set; }

    /// <summary>A 2xx this side has not acknowledged yet (RFC 3261 §13.3.1.4).</summary>
    public TwoHundredRetransmission? PendingTwoHundred { get; set; }

    /// <summary>The body last sent on this leg: what a re-INVITE is answered with when nothing changes.</summary>
    public SipSessionBody? LastSent { get; set; }
}
