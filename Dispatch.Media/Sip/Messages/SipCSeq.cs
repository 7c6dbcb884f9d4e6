using System.Diagnostics.CodeAnalysis;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Messages;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); the number must be below 2^31 (§8.1.1.5).</summary>
public readonly record struct SipCSeq(long Number, string Method)
{
    public const long MaxNumber = (1L << 31) - 1;

    public static bool TryParse(string value, [NotNullWhen(true)] out SipCSeq cseq)
    {
        cseq = default;
        var s = value.AsSpan().Trim(" \t");
        var space = s.IndexOfAny(' ', '\t');
        if (space <= 0)
        {
            return false;
        }
        var method = s[space..].Trim(" \t");
        if (!SipSyntax.TryParseDigits(s[..space], MaxNumber, out var number) || !SipSyntax.IsToken(method))
        {
            return false;
        }
        cseq = new SipCSeq(number, SipTokens.Get(method));
        return true;
    }

    public override string ToString() => $"{Number} {Method}";
}
