using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatch.Media.Tests.Bridging.Hosting;

/// <summary>
/// Just enough of a SIP UAC (RFC 3261 §17.1.1, §13.2.2.4, §15) to set up one call with a phone and tear it down:
/// INVITE with our SDP (resent every 500 ms until a response), ACK for the 2xx, BYE. Only for tests of the media
/// path; the product's SIP lives in Dispatch.Media/Sip.
/// </summary>
internal sealed partial class TestSipCaller(IPEndPoint phone) : IDisposable
{
    private readonly Socket _socket = Bind();
    private readonly string _callId = Guid.NewGuid().ToString("N") + "@127.0.0.1";
    private readonly string _fromTag = Guid.NewGuid().ToString("N")[..8];
    private string? _toHeader;
    private string? _remoteTarget;

    private int LocalPort => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    private static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>Sends the INVITE and returns the SDP of the 200 OK, after sending its ACK.</summary>
    public async Task<string> Invite(string offer, TimeSpan timeout)
    {
        var invite = Request("INVITE", $"sip:bridge@{phone.Address}:{phone.Port}", 1, $"<sip:bridge@{phone.Address}:{phone.Port}>", offer);
        var deadline = DateTime.UtcNow + timeout;
        var buffer = new byte[65535];
        var gotResponse = false;
        while (DateTime.UtcNow < deadline)
        {
            if (!gotResponse) await _socket.SendToAsync(Encoding.UTF8.GetBytes(invite), phone);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), wait.Token);
                var message = Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes);
                var status = int.Parse(StatusLine().Match(message).Groups[1].Value);
                gotResponse = true;
                if (status < 200) continue;
                Assert.True(status == 200, $"the phone answered {status}:\n{message}");
                _toHeader = Header(message, "To");
                _remoteTarget = ContactUri().Match(Header(message, "Contact")).Groups[1].Value;
                await _socket.SendToAsync(Encoding.UTF8.GetBytes(Request("ACK", _remoteTarget, 1, _toHeader, null)), phone);
                return message[(message.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
            }
            catch (OperationCanceledException)
            {
            }
        }
        throw new TimeoutException("the phone did not answer the INVITE");
    }

    public async Task Bye()
    {
        Assert.NotNull(_remoteTarget);
        await _socket.SendToAsync(Encoding.UTF8.GetBytes(Request("BYE", _remoteTarget!, 2, _toHeader!, null)), phone);
    }

    private string Request(string method, string uri, int cseq, string to, string? body)
    {
        var sb = new StringBuilder();
        sb.Append($"{method} {uri} SIP/2.0\r\n");
        sb.Append($"Via: SIP/2.0/UDP 127.0.0.1:{LocalPort};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n");
        sb.Append("Max-Forwards: 70\r\n");
        sb.Append($"From: <sip:bridge-test@127.0.0.1:{LocalPort}>;tag={_fromTag}\r\n");
        sb.Append($"To: {to}\r\n");
        sb.Append($"Call-ID: {_callId}\r\n");
        sb.Append($"CSeq: {cseq} {method}\r\n");
        sb.Append($"Contact: <sip:bridge-test@127.0.0.1:{LocalPort}>\r\n");
        if (body is not null) sb.Append("Content-Type: application/sdp\r\n");
        sb.Append($"Content-Length: {Encoding.UTF8.GetByteCount(body ?? "")}\r\n\r\n");
        sb.Append(body);
        return sb.ToString();
    }

    private static string Header(string message, string name) =>
        Regex.Match(message, $@"^{name}:\s*(.*?)\r$", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value;

    [GeneratedRegex(@"^SIP/2\.0 (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"<([^>]+)>")]
    private static partial Regex ContactUri();

    public void Dispose() => _socket.Dispose();
}
