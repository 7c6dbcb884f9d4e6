using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls.Internal;

/// <summary>The UAS side toward the caller: its INVITE transaction and the To tag the B2BUA answers with.</summary>
internal sealed class CallerLeg(SipCall call, ServerTransaction invite, string localTag) : CallLeg(call, invite.Remote)
{
    public ServerTransaction Invite { get; } = invite;

    public string LocalTag { get; } = localTag;

    /// <summary>The last 1xx status relayed, so that ten ringing phones do not send ten 180s.</summary>
    public int LastRelayedStatus { get; set; }

    /// <summary>True while the INVITE may still get a final response.</summary>
    public bool IsPending => Invite.State == SipTransactionState.Proceeding;
}
