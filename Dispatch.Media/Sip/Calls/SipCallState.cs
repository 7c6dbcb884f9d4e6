namespace Dispatch.Media.Sip.Calls;

/// <summary>
/// The life of a call through the B2BUA.
/// <code>
///   Routing ─► Calling ─► Ringing ─► Answered ─► Confirmed ─► Ended
///   (looking    (forks     (a 18x)    (2xx sent   (ACK from
///    up phones)  sent)                 or got)     the caller)
/// </code>
/// Any state can end: no phone (480), busy (486), CANCEL (487), no answer (408), BYE.
/// </summary>
public enum SipCallState
{
    Routing,
    Calling,
    Ringing,
    Answered,
    Confirmed,
    Ended,
}
