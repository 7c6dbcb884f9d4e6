using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Dispatch.Media.Sip.Transport;

namespace Dispatch.Media.Tests.Sip.Transport;

/// <summary>
/// The receive thread's hooks (<see cref="ISipReceiveThreadHooks"/>): the gateway commits the bindings writes of a burst
/// of REGISTERs there, so an answer held until the burst's end must go out from that thread, and a failing hook must
/// not stop the server.
/// </summary>
public sealed class SipUdpReceiveThreadHooksTests
{
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_answer_held_for_the_end_of_the_burst_is_sent_by_the_receive_thread_once_the_burst_ended()
    {
        var hooks = new HoldingHooks();
        var options = new SipServerOptions
        {
            // Like a REGISTER whose bindings write waits for the burst's commit.
            Handler = request => new ValueTask<SipResponse?>(hooks.Hold(request.CreateResponse(200))),
        };
        await using var server = new SipUdpServer(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System, options) { ReceiveThreadHooks = hooks };
        server.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(Encoding.UTF8.GetBytes(Options()), server.LocalEndPoint);
            Assert.Equal("200 OK", await FinalAnswerAsync(client));
        }

        Assert.NotNull(hooks.StartedOn);
        Assert.False(hooks.StartedOn!.IsThreadPoolThread);
        Assert.StartsWith("SIP UDP ", hooks.StartedOn.Name);
        Assert.True(hooks.Bursts >= 3, $"{hooks.Bursts} bursts for 3 requests sent one after another");
        // Every held answer was released at a burst's end on the receive thread, never by anyone else.
        Assert.Equal(3, hooks.Released.Count);
        Assert.All(hooks.Released, thread => Assert.Same(hooks.StartedOn, thread));
    }

    [Fact]
    public async Task A_failing_end_of_burst_hook_is_logged_and_the_server_keeps_answering()
    {
        var hooks = new ThrowingHooks();
        await using var server = new SipUdpServer(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System) { ReceiveThreadHooks = hooks };
        server.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(Encoding.UTF8.GetBytes(Options()), server.LocalEndPoint);
            Assert.Equal("200 OK", await FinalAnswerAsync(client));
        }
        Assert.True(hooks.Calls >= 2, $"the hook ran {hooks.Calls} times");
    }

    [Fact]
    public async Task A_burst_ends_after_MaxBurst_datagrams_even_while_more_are_waiting()
    {
        var hooks = new HoldingHooks();
        var options = new SipServerOptions { Handler = request => new ValueTask<SipResponse?>(hooks.Hold(request.CreateResponse(200))) };
        await using var server = new SipUdpServer(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System, options) { ReceiveThreadHooks = hooks };
        server.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        client.Client.ReceiveBufferSize = 1 << 20;

        // Queue more than a burst in the socket while the receive thread is held inside the first burst's end.
        hooks.BlockNextBurstEnd();
        await client.SendAsync(Encoding.UTF8.GetBytes(Options()), server.LocalEndPoint);
        Assert.True(hooks.WaitUntilBlocked(AnswerWait), "the first burst never ended");
        var count = SipUdpServer.MaxBurst * 2;
        for (var i = 0; i < count; i++)
        {
            await client.SendAsync(Encoding.UTF8.GetBytes(Options()), server.LocalEndPoint);
        }
        await Task.Delay(200); // let them all arrive in the server's socket
        hooks.Unblock();

        for (var i = 0; i < count + 1; i++)
        {
            Assert.Equal("200 OK", await FinalAnswerAsync(client));
        }
        Assert.True(hooks.LargestBurst <= SipUdpServer.MaxBurst, $"a burst held {hooks.LargestBurst} answers");
        Assert.True(hooks.LargestBurst > 1, "the queued datagrams were not handled as bursts");
    }

    private static string Options() =>
        $"OPTIONS sip:probe@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK{Guid.NewGuid():N};rport\r\n" +
        $"Max-Forwards: 70\r\nTo: <sip:probe@127.0.0.1>\r\nFrom: <sip:tester@127.0.0.1>;tag=t1\r\nCall-ID: {Guid.NewGuid():N}\r\n" +
        "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private static async Task<string?> FinalAnswerAsync(UdpClient client)
    {
        using var timeout = new CancellationTokenSource(AnswerWait);
        while (true)
        {
            var result = await client.ReceiveAsync(timeout.Token);
            var text = Encoding.UTF8.GetString(result.Buffer);
            var status = text["SIP/2.0 ".Length..text.IndexOf("\r\n", StringComparison.Ordinal)];
            if (!status.StartsWith('1'))
            {
                return status;
            }
        }
    }

    /// <summary>Holds each answer until the burst ends, and records where it was released.</summary>
    private sealed class HoldingHooks : ISipReceiveThreadHooks
    {
        private readonly List<(TaskCompletionSource<SipResponse?> Answer, SipResponse Response)> _held = [];
        private readonly ManualResetEventSlim _blocked = new();
        private readonly ManualResetEventSlim _release = new(initialState: true);
        private volatile bool _blockNext;

        public Thread? StartedOn { get; private set; }
        public int Bursts { get; private set; }
        public int LargestBurst { get; private set; }
        public ConcurrentBag<Thread> Released { get; } = [];

        public Task<SipResponse?> Hold(SipResponse response)
        {
            var answer = new TaskCompletionSource<SipResponse?>();
            _held.Add((answer, response)); // only the receive thread handles requests here
            return answer.Task;
        }

        public void BlockNextBurstEnd()
        {
            _release.Reset();
            _blockNext = true;
        }

        public bool WaitUntilBlocked(TimeSpan wait) => _blocked.Wait(wait);

        public void Unblock() => _release.Set();

        public void ThreadStarted() => StartedOn = Thread.CurrentThread;

        public void BurstEnded()
        {
            if (_blockNext)
            {
                _blockNext = false;
                _blocked.Set();
                _release.Wait();
            }
            Bursts++;
            LargestBurst = Math.Max(LargestBurst, _held.Count);
            var held = _held.ToArray();
            _held.Clear();
            foreach (var (answer, response) in held)
            {
                Released.Add(Thread.CurrentThread);
                answer.SetResult(response);
            }
        }
    }

    private sealed class ThrowingHooks : ISipReceiveThreadHooks
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void ThreadStarted()
        {
        }

        public void BurstEnded()
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("a hook that fails");
        }
    }
}
