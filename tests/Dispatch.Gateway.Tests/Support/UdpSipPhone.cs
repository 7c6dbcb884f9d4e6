using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>A SIP phone on a UDP socket of 127.0.0.1 that registers with the digest challenge answered (<see cref="IndependentDigest"/>).</summary>
internal sealed class UdpSipPhone(IPEndPoint server, string username, string password) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;

    /// <summary>REGISTER, 401, REGISTER with credentials (CSeq + 1); returns the final response.</summary>
    public async Task<string> Register(string callId, int cseq, int expires)
    {
        var via = $"UDP 127.0.0.1:{Port};rport";
        var contact = $"<sip:{username}@127.0.0.1:{Port}>";
        await Send(SipText.Register("127.0.0.1", username, via, contact, callId, cseq, expires));
        var challenge = await Receive();
        Assert.Equal(401, SipText.StatusCode(challenge));
        var offered = IndependentDigest.ChallengesIn(challenge)[0];
        var authorization = IndependentDigest.Authorization(offered, username, password, "REGISTER", "sip:127.0.0.1");
        await Send(SipText.Register("127.0.0.1", username, via, contact, callId, cseq + 1, expires, authorization));
        return await Receive();
    }

    private async Task Send(string message) => await _socket.SendAsync(Encoding.UTF8.GetBytes(message), server);

    private async Task<string> Receive()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return Encoding.UTF8.GetString((await _socket.ReceiveAsync(timeout.Token)).Buffer);
    }

    public void Dispose() => _socket.Dispose();
}
