using System.Globalization;
using System.Text.RegularExpressions;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>SIP messages as a phone writes them, and the bits of a response a test looks at.</summary>
internal static class SipText
{
    /// <param name="via">The Via sent-by with its transport, e.g. "WS abc.invalid" or "UDP 127.0.0.1:5070".</param>
    public static string Register(string registrar, string username, string via, string contact, string callId, int cseq,
        int expires, string? authorization = null, string branch = "") =>
        $"REGISTER sip:{registrar} SIP/2.0\r\n" +
        $"Via: SIP/2.0/{via};branch=z9hG4bK-{callId}-{cseq}{branch}\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:{username}@{registrar}>;tag=t{callId}\r\n" +
        $"To: <sip:{username}@{registrar}>\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq} REGISTER\r\n" +
        $"Contact: {contact}\r\n" +
        $"Expires: {expires}\r\n" +
        (authorization is null ? "" : $"Authorization: {authorization}\r\n") +
        "Content-Length: 0\r\n\r\n";

    public static int StatusCode(string response) => int.Parse(response.Split(' ', 3)[1], CultureInfo.InvariantCulture);

    public static string? Header(string message, string name) =>
        Regex.Match(message, $@"^{name}:\s*(?<v>.*?)\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase) is { Success: true } m
            ? m.Groups["v"].Value
            : null;
}
