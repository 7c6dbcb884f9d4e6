using System.Net;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.Sip.Server;

/// <summary>Mutated torture messages must never make the parser or the server core throw.</summary>
public sealed class SipServerCoreFuzzTests
{
    public static TheoryData<string> All => TortureManifest.Where(_ => true);

    [Theory]
    [MemberData(nameof(All))]
    public void Randomly_mutated_messages_are_answered_or_dropped_without_an_exception(string file)
    {
        var original = TortureManifest.Get(file).Bytes;
        var random = new Random(file.GetHashCode(StringComparison.Ordinal) ^ 4475);
        var clock = new FakeTimeProvider();
        var core = new SipServerCore(clock);
        var source = new IPEndPoint(IPAddress.Loopback, 5062);
        byte[] interesting = [(byte)' ', (byte)';', (byte)',', (byte)':', (byte)'"', (byte)'<', (byte)'>', (byte)'\r', (byte)'\n', (byte)'%', (byte)'=', 0];

        for (var round = 0; round < 200; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                bytes[random.Next(bytes.Length)] = interesting[random.Next(interesting.Length)];
            }
            var failure = Record.Exception(() =>
            {
                core.OnDatagram(bytes, source);
                clock.Advance(TimeSpan.FromMilliseconds(300));
                core.HandleTimeout();
                while (core.TryPollOutput(out _))
                {
                }
            });
            Assert.True(failure is null, $"round {round}: {failure}\n{System.Text.Encoding.UTF8.GetString(bytes)}");
        }
    }
}
