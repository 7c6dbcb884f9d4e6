namespace Dispatch.Media.Sip.Messages.Internal;

/// <summary>
/// The strings a parsed message repeats on nearly every request (methods, Via protocol and transport, URI schemes,
/// the common parameter names and values), handed out from one table instead of a new string per occurrence.
/// Matched exactly (ordinal, case kept): a value is always returned as received.
/// </summary>
internal static class SipTokens
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "REGISTER", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "MESSAGE", "INFO", "UPDATE", "PRACK", "SUBSCRIBE",
        "NOTIFY", "REFER", "PUBLISH",
        "SIP", "2.0", "UDP", "TCP", "TLS", "WS", "WSS", "SCTP", "udp", "tcp", "tls", "ws", "wss",
        "sip", "sips", "tel",
        "branch", "rport", "received", "tag", "expires", "transport", "lr", "user", "phone", "maddr", "ttl", "method",
        "q", "ob", "reg-id", "+sip.instance",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The table's string equal to <paramref name="text"/>, or a new one.</summary>
    public static string Get(ReadOnlySpan<char> text) => BySpan.TryGetValue(text, out var known) ? known : text.ToString();

    /// <summary>
    /// As <see cref="Get"/> for a value that is often a short well-known token (transport=UDP) and otherwise unique (a
    /// tag, a branch): long values skip the table, whose hashing would cost more than it saves.
    /// </summary>
    public static string GetValue(ReadOnlySpan<char> text) => text.Length <= 9 ? Get(text) : text.ToString();
}
