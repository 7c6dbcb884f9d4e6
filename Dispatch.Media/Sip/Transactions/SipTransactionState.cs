namespace Dispatch.Media.Sip.Transactions;

/// <summary>States of the four transaction machines (RFC 3261 §17 figures 5-8; Accepted from RFC 6026 §7).</summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Accepted,
    Completed,
    Confirmed,
    Terminated,
}
