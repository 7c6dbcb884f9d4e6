using Dispatch.Media.WebRtc.Dtls;

namespace Dispatch.Media.Tests.WebRtc.Dtls;

public sealed class DtlsMalformedInputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Random bytes, truncated and lying record headers, and a ClientHello cut short.</summary>
    public static IEnumerable<byte[]> Garbage()
    {
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            yield return bytes;
        }
        yield return [];
        yield return [22];
        yield return [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]; // header claiming 65535 bytes, none present
        yield return [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 1, 0, 12, 1, 0, 0, 200, 0, 0, 0, 0, 0, 0, 0, 200]; // ClientHello fragment with no body
        yield return [23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0, 4, 1, 2, 3, 4]; // application data, epoch 1, bogus ciphertext
        yield return [21, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 10, 0, 2, 2, 40]; // a plaintext "fatal alert" in epoch 1
        var header = new byte[64];
        random.NextBytes(header);
        header[0] = 20;
        yield return header;
    }

    [Fact]
    public void Garbage_before_a_handshake_is_dropped_without_throwing()
    {
        var (server, client) = DtlsPair.Create();

        foreach (var datagram in Garbage())
        {
            server.HandleDatagram(datagram);
            client.HandleDatagram(datagram);
        }

        Assert.False(server.TryPollDatagram(out _));
        Assert.False(server.TryPollEvent(out _));
    }

    [Fact]
    public async Task Garbage_during_and_after_the_handshake_neither_throws_nor_breaks_the_connection()
    {
        var (server, client) = DtlsPair.Create();
        var pipe = new DatagramPipe(server, client);
        var garbage = Garbage().ToList();

        client.Start();
        for (var i = 0; i < 20 && pipe.EventsOfA.Count == 0; i++)
        {
            pipe.Pump();
            server.HandleDatagram(garbage[i % garbage.Count]);
            client.HandleDatagram(garbage[(i + 3) % garbage.Count]);
            await Task.Delay(5);
        }
        await pipe.RunUntilSettledAsync(Patience);
        Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfA));
        Assert.IsType<DtlsHandshakeCompleted>(Assert.Single(pipe.EventsOfB));

        foreach (var datagram in garbage)
        {
            server.HandleDatagram(datagram);
            client.HandleDatagram(datagram);
        }

        Assert.Equal(DtlsEndpointState.Connected, server.State);
        Assert.Equal(DtlsEndpointState.Connected, client.State);
        Assert.True(client.TrySendApplicationData("still here"u8));
        await pipe.RunUntilAsync(() => pipe.EventsOfA.Count == 2, Patience);
        var data = Assert.IsType<DtlsApplicationDataReceived>(pipe.EventsOfA[^1]);
        Assert.Equal("still here"u8.ToArray(), data.Data);
    }
}
