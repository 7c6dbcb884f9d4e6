using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transactions.Internal;

/// <summary>Transaction matching keys (RFC 3261 §17.1.3 for responses, §17.2.3 for requests).</summary>
internal static class SipTransactionKey
{
    /// <summary>
    /// A response matches the client transaction with the same top-Via branch and CSeq method
    /// (so a CANCEL's 200 never matches the INVITE it cancels).
    /// </summary>
    public static string? ForClient(SipMessage message) =>
        message.TopVia?.Branch is { } branch && message.CSeq is { } cseq ? $"c|{branch}|{cseq.Method}" : null;

    /// <summary>
    /// A request matches by branch, sent-by and method, an ACK matching its INVITE. Without an RFC 3261
    /// branch (RFC 2543 peers) the dialog identifiers, CSeq number and top Via stand in for the branch.
    /// Dispatch also keys on the flow the request came in on: a real retransmission comes from the same address
    /// and port, and a copy of someone else's branch from elsewhere must not reach their transaction.
    /// </summary>
    public static string? ForServer(SipRequest request, SipDestination source) =>
        ForServer(request) is { } key ? $"{key}|{source.EndPoint}" : null;

    private static string? ForServer(SipRequest request)
    {
        var via = request.TopVia;
        if (via is null)
        {
            return null;
        }
        var method = request.Method == "ACK" ? "INVITE" : request.Method;
        if (via.HasRfc3261Branch)
        {
            return $"s|{via.Branch}|{via.SentBy.ToLowerInvariant()}|{method}";
        }
        return $"s2543|{request.CallId}|{request.CSeq?.Number}|{request.From?.Tag}|{via}|{request.RequestUri}|{method}";
    }
}
