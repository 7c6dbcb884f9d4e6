using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions.Internal;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Server;

/// <summary>
/// Challenges (401, 407) to requests other than INVITE are answered as a stateless UAS (RFC 3261 §8.2.7): the server
/// transaction ends as the challenge is sent instead of keeping it for Timer J (32 s over UDP). The RFC names exactly
/// this case: the stateless role is "needed primarily to handle unauthenticated requests for which a challenge response
/// is issued", since a flood of them handled statefully builds up transaction state. Under sipp the held challenges
/// were half of all server transactions (about 85 MB at 11,000 REGISTERs/s) and their upkeep about 14 % of the rate
/// (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// A retransmitted request therefore reaches the handler again and gets a fresh challenge (a new nonce; both stay
/// valid). Its To tag is derived from the request (§8.2.7: "the same tag for the same request consistently"), so the
/// retransmission's answer carries the tag the first one did. INVITE keeps its transaction: its challenge is
/// retransmitted until the ACK (§17.2.1), which a stateless UAS would have to ignore.
/// </remarks>
internal static class StatelessChallenge
{
    public static bool Applies(ServerTransaction transaction, SipResponse response, [NotNullWhen(true)] out ServerNonInviteTransaction? challenged)
    {
        challenged = response.StatusCode is 401 or 407 && transaction is ServerNonInviteTransaction { State: SipTransactionState.Trying } nonInvite
            ? nonInvite
            : null;
        return challenged is not null;
    }

    /// <summary>Replaces a To tag the response added with one derived from the request (its Call-ID, From, CSeq and top Via).</summary>
    public static void DeriveToTag(SipRequest request, SipResponse response)
    {
        var requestTo = request.Headers[SipHeaderNames.To];
        var responseTo = response.Headers[SipHeaderNames.To];
        if (requestTo is null || responseTo is null || responseTo == requestTo)
        {
            return; // the request's To had a tag already (in a dialog), or there is none to derive
        }
        var identity = string.Join('\n', request.Headers[SipHeaderNames.CallId], request.Headers[SipHeaderNames.From],
            request.Headers[SipHeaderNames.CSeq], request.Headers[SipHeaderNames.Via]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        response.Headers.ReplaceFirst(SipHeaderNames.To, $"{requestTo};tag={Convert.ToHexStringLower(hash[..8])}");
    }
}
