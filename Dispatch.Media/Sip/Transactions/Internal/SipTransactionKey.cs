using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
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
    public static string? ForServer(SipRequest request, SipDestination source)
    {
        var via = request.TopVia;
        if (via is null)
        {
            return null;
        }
        var method = request.Method == "ACK" ? "INVITE" : request.Method;
        if (!via.HasRfc3261Branch)
        {
            return $"s2543|{request.CallId}|{request.CSeq?.Number}|{request.From?.Tag}|{via}|{request.RequestUri}|{method}|{source.EndPoint}";
        }
        // Every request pays for this key: written on the stack, one string in the end.
        var key = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        key.AppendLiteral("s|");
        key.AppendLiteral(via.Branch!);
        key.AppendLiteral("|");
        AppendLowerCase(ref key, via.Host); // sent-by compares case-insensitively (§17.2.3)
        if (via.Port is { } port)
        {
            key.AppendLiteral(":");
            key.AppendFormatted(port);
        }
        key.AppendLiteral("|");
        key.AppendLiteral(method);
        key.AppendLiteral("|");
        if (source.EndPoint is IPEndPoint endpoint)
        {
            key.AppendFormatted(endpoint.Address);
            key.AppendLiteral(":");
            key.AppendFormatted(endpoint.Port);
        }
        else
        {
            key.AppendFormatted(source.EndPoint);
        }
        return key.ToStringAndClear();
    }

    private static void AppendLowerCase(ref DefaultInterpolatedStringHandler key, string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('A', 'Z'))
        {
            key.AppendLiteral(text);
            return;
        }
        key.AppendLiteral(text.ToLowerInvariant());
    }
}
