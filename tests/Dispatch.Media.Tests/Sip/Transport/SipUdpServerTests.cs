using System.Net;
using System.Net.Sockets;
using System.Text;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Dispatch.Media.Sip.Transport;

namespace Dispatch.Media.Tests.Sip.Transport;

/// <summary>A running UDP server on a free loopback port, shared by the tests of one class.</summary>
public sealed class UdpServerFixture : IAsyncLifetime
{
    public SipUdpServer Server { get; } = new(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System,
        new SipServerOptions { Parser = new SipParserOptions { MaxMessageBytes = 8 * 1024 } });

    public Task InitializeAsync()
    {
        Server.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Issue 4: each RFC 4475 message is sent over UDP to a running server and the answer checked against MANIFEST.tsv.
/// Valid requests get what a minimal UAS answers (see <see cref="MinimalUas"/> and docs/media-sip.md).
/// </summary>
public sealed class SipUdpServerTests(UdpServerFixture fixture) : IClassFixture<UdpServerFixture>
{
    private static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SilenceWait = TimeSpan.FromMilliseconds(300);

    /// <summary>The final answer a minimal UAS gives to the requests the manifest calls valid.</summary>
    private static readonly Dictionary<string, int> ValidRequestAnswers = new()
    {
        ["wsinv.dat"] = 404, ["intmeth.dat"] = 501, ["esc01.dat"] = 404, ["escnull.dat"] = 404, ["esc02.dat"] = 501,
        ["lwsdisp.dat"] = 200, ["longreq.dat"] = 404, ["dblreq.dat"] = 404, ["semiuri.dat"] = 200, ["transports.dat"] = 200,
        ["mpart01.dat"] = 404, ["badbranch.dat"] = 400, ["novelsc.dat"] = 416, ["unksm2.dat"] = 404, ["zeromf.dat"] = 200,
        ["cparam01.dat"] = 404, ["cparam02.dat"] = 404, ["regescrt.dat"] = 404, ["inv2543.dat"] = 404,
    };

    public static TheoryData<string> All => TortureManifest.Where(_ => true);

    [Theory]
    [MemberData(nameof(All))]
    public async Task Each_torture_message_gets_the_answer_its_manifest_entry_asks_for_and_the_server_stays_up(string file)
    {
        var entry = TortureManifest.Get(file);
        using var client = NewClient();

        await client.SendAsync(entry.Bytes, fixture.Server.LocalEndPoint);
        var final = await FinalAnswerAsync(client, entry.Bytes[..3].SequenceEqual("SIP"u8) ? SilenceWait : AnswerWait);

        if (entry.Bytes[..3].SequenceEqual("SIP"u8))
        {
            Assert.Null(final); // responses with no client transaction are dropped (RFC 3261 §18.1.2)
        }
        else if (entry.Expected == "INVALID")
        {
            var expected = SipMessageParser.Parse(entry.Bytes).Error!;
            Assert.Equal($"{expected.StatusCode} {expected.ReasonPhrase}", final);
        }
        else if (entry.SemanticCode is { } code)
        {
            Assert.StartsWith($"{code} ", final);
        }
        else
        {
            Assert.StartsWith($"{ValidRequestAnswers[file]} ", final);
        }
        await AssertStillAnsweringAsync();
    }

    [Fact]
    public async Task Garbage_and_oversized_datagrams_are_dropped_and_the_server_keeps_answering()
    {
        using var client = NewClient();
        var random = new Random(4475);
        for (var i = 0; i < 20; i++)
        {
            var junk = new byte[random.Next(1, 1500)];
            random.NextBytes(junk);
            await client.SendAsync(junk, fixture.Server.LocalEndPoint);
        }
        await client.SendAsync(new byte[60_000], fixture.Server.LocalEndPoint);

        Assert.Null(await FinalAnswerAsync(client, SilenceWait));
        await AssertStillAnsweringAsync();
    }

    [Fact]
    public async Task A_request_above_the_size_limit_is_answered_with_513()
    {
        using var client = NewClient();

        await client.SendAsync(Encoding.UTF8.GetBytes(Probe(client, subject: new string('x', 9000))), fixture.Server.LocalEndPoint);

        Assert.Equal("513 Message Too Large", await FinalAnswerAsync(client, AnswerWait));
    }

    [Fact]
    public async Task An_rport_request_gets_its_source_port_and_address_back_in_via()
    {
        using var client = NewClient();
        var port = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        await client.SendAsync(Encoding.UTF8.GetBytes(Probe(client)), fixture.Server.LocalEndPoint);
        var result = await client.ReceiveAsync().WaitAsync(AnswerWait);

        var via = SipMessageParser.Parse(result.Buffer).Message!.TopVia!;
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), via.Parameters["rport"]);
        Assert.Equal("127.0.0.1", via.Received);
    }

    private static UdpClient NewClient() => new(new IPEndPoint(IPAddress.Loopback, 0));

    private static string Probe(UdpClient client, string subject = "probe") =>
        $"OPTIONS sip:probe@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.200:5060;branch=z9hG4bK{Guid.NewGuid():N};rport\r\n" +
        $"Max-Forwards: 70\r\nTo: <sip:probe@127.0.0.1>\r\nFrom: <sip:tester@127.0.0.1>;tag=t1\r\nCall-ID: {Guid.NewGuid():N}\r\n" +
        $"CSeq: 1 OPTIONS\r\nSubject: {subject}\r\nContent-Length: 0\r\n\r\n";

    private async Task AssertStillAnsweringAsync()
    {
        using var client = NewClient();
        await client.SendAsync(Encoding.UTF8.GetBytes(Probe(client)), fixture.Server.LocalEndPoint);
        Assert.Equal("200 OK", await FinalAnswerAsync(client, AnswerWait));
    }

    /// <summary>The status code and reason of the first final response, skipping 1xx; null if none arrives in time.</summary>
    private static async Task<string?> FinalAnswerAsync(UdpClient client, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (true)
            {
                var result = await client.ReceiveAsync(timeout.Token);
                // Read the status line by hand: a 400 echoes the broken header fields, which our own parser would refuse.
                var text = Encoding.UTF8.GetString(result.Buffer);
                var statusLine = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
                var status = statusLine["SIP/2.0 ".Length..];
                if (!status.StartsWith('1'))
                {
                    return status;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
