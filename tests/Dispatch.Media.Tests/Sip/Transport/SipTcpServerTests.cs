using System.Net;
using System.Net.Sockets;
using System.Text;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transport;

namespace Dispatch.Media.Tests.Sip.Transport;

public sealed class SipTcpServerTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(3);
    private readonly SipTcpServer _server = new(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System);

    public Task InitializeAsync()
    {
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Options(string callId) =>
        $"OPTIONS sip:desk@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.4:5060;branch=z9hG4bK{callId}\r\nMax-Forwards: 70\r\n" +
        $"To: <sip:desk@127.0.0.1>\r\nFrom: <sip:phone@127.0.0.1>;tag=f\r\nCall-ID: {callId}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(_server.LocalEndPoint);
        return client;
    }

    /// <summary>Reads framed responses from the connection until <paramref name="count"/> have arrived.</summary>
    private static async Task<List<SipResponse>> ReadResponsesAsync(NetworkStream stream, int count)
    {
        var responses = new List<SipResponse>();
        var buffer = new byte[16 * 1024];
        var filled = 0;
        using var timeout = new CancellationTokenSource(Wait);
        while (responses.Count < count)
        {
            filled += await stream.ReadAsync(buffer.AsMemory(filled), timeout.Token);
            while (SipStreamFramer.TryFrame(buffer.AsSpan(0, filled), out var skipped, out var length) == SipFrameStatus.Complete)
            {
                responses.Add((SipResponse)SipMessageParser.Parse(buffer.AsMemory(skipped, length).ToArray()).Message!);
                buffer.AsSpan(skipped + length, filled - skipped - length).CopyTo(buffer);
                filled -= skipped + length;
            }
        }
        return responses;
    }

    [Fact]
    public async Task Messages_split_and_joined_across_writes_are_framed_by_content_length_and_answered_on_the_same_connection()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        var bytes = Encoding.UTF8.GetBytes("\r\n\r\n" + Options("tcp-a") + Options("tcp-b"));

        await stream.WriteAsync(bytes.AsMemory(0, 50));
        await Task.Delay(50);
        await stream.WriteAsync(bytes.AsMemory(50));

        var responses = await ReadResponsesAsync(stream, 2);
        Assert.Equal(["tcp-a", "tcp-b"], responses.Select(r => r.CallId));
        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task A_double_crlf_ping_gets_a_single_crlf_pong_even_when_split_across_writes()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();

        await stream.WriteAsync("\r\n"u8.ToArray());
        await Task.Delay(50);
        await stream.WriteAsync("\r\n"u8.ToArray());
        var pong = new byte[2];
        using var timeout = new CancellationTokenSource(Wait);
        await stream.ReadExactlyAsync(pong, timeout.Token);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(Options("tcp-after-ping")));

        Assert.Equal("\r\n"u8.ToArray(), pong);
        Assert.Equal("tcp-after-ping", Assert.Single(await ReadResponsesAsync(stream, 1)).CallId);
    }

    [Fact]
    public async Task A_torture_invite_with_a_body_is_framed_and_answered_over_tcp()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();

        await stream.WriteAsync(TortureManifest.Get("invut.dat").Bytes);

        var responses = await ReadResponsesAsync(stream, 2);
        Assert.Equal([100, 415], responses.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_stream_without_content_length_is_closed_and_other_connections_keep_working()
    {
        using var bad = await ConnectAsync();
        var badStream = bad.GetStream();
        await badStream.WriteAsync(Encoding.UTF8.GetBytes(Options("tcp-c").Replace("Content-Length: 0\r\n", "")));

        using var timeout = new CancellationTokenSource(Wait);
        Assert.Equal(0, await badStream.ReadAsync(new byte[100], timeout.Token)); // closed by the server

        using var good = await ConnectAsync();
        await good.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Options("tcp-d")));
        Assert.Equal(200, (await ReadResponsesAsync(good.GetStream(), 1)).Single().StatusCode);
    }
}
