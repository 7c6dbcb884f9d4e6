using System.Diagnostics.CodeAnalysis;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary>
/// <c>a=simulcast:</c> (RFC 8853 §5.1): <c>send &lt;streams&gt;</c> and/or <c>recv &lt;streams&gt;</c>, where
/// streams are ';'-separated alternatives lists of rid ids, '~' marking a paused one. Parsed only.
/// </summary>
public sealed record Simulcast(IReadOnlyList<IReadOnlyList<string>> Send, IReadOnlyList<IReadOnlyList<string>> Receive)
{
    public const string Name = "simulcast";

    public static bool TryParse(string? value, [NotNullWhen(true)] out Simulcast? simulcast)
    {
        simulcast = null;
        var w = value is null ? [] : SdpTokens.Words(value);
        if (w.Length is not (2 or 4)) return false;
        IReadOnlyList<IReadOnlyList<string>> send = [], recv = [];
        for (var i = 0; i < w.Length; i += 2)
        {
            var streams = w[i + 1].Split(';').Select(s => (IReadOnlyList<string>)s.Split(',')).ToList();
            if (w[i] == "send") send = streams;
            else if (w[i] == "recv") recv = streams;
            else return false;
        }
        simulcast = new Simulcast(send, recv);
        return true;
    }
}
