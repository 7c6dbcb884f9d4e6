using System.Buffers.Binary;
using System.Net;
using Dispatch.Media.Tests.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Peer;
using Dispatch.Media.WebRtc.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Dispatch.Media.Tests.WebRtc.Peer;

/// <summary>
/// A <see cref="WebRtcPeer"/> (ICE-lite, DTLS server) and a <see cref="ControllingTestPeer"/> (the browser's
/// role) joined by a <see cref="LossyNetwork"/>, driven round by round in virtual time. The DTLS retransmission
/// timer lives inside BouncyCastle on real time, so each round also yields the CPU briefly.
/// </summary>
internal sealed class PeerPair : IDisposable
{
    public static readonly IPEndPoint LiteAddress = new(IPAddress.Parse("10.0.0.1"), 5000);
    public static readonly IPEndPoint BrowserAddress = new(IPAddress.Parse("10.0.0.2"), 6000);

    public PeerPair(LossyNetwork network)
    {
        Network = network;
        var liteIce = IceCredentials.NewRandom();
        var browserIce = IceCredentials.NewRandom();
        Lite = new WebRtcPeer(new WebRtcPeerOptions
        {
            LocalIce = liteIce,
            RemoteUfrag = browserIce.Ufrag,
            Certificate = DtlsPair.ServerCertificate,
            RemoteFingerprint = DtlsPair.ClientCertificate.Fingerprint,
            Dtls = DtlsPair.Fast,
        }, Time);
        Browser = new ControllingTestPeer(browserIce, liteIce,
            DtlsEndpoint.CreateClient(DtlsPair.ClientCertificate, DtlsPair.ServerCertificate.Fingerprint, DtlsPair.Fast));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public LossyNetwork Network { get; }

    public WebRtcPeer Lite { get; }

    public ControllingTestPeer Browser { get; }

    public List<WebRtcPeerEvent> LiteEvents { get; } = [];

    /// <summary>Plain RTP packets the lite peer got, as (ssrc, seq).</summary>
    public List<(uint Ssrc, ushort Seq)> LiteReceivedRtp { get; } = [];

    public int LiteReceivedRtcp { get; private set; }

    /// <summary>SRTP datagrams that reached the browser side, still protected.</summary>
    public List<byte[]> BrowserReceivedSrtp { get; } = [];

    /// <summary>When true the lite peer sends every RTP packet it gets back with SSRC <see cref="EchoSsrc"/>.</summary>
    public bool Echo { get; set; }

    public const uint EchoSsrc = 0xBEEF0001;

    /// <summary>Delivers a browser-side datagram into the network.</summary>
    public void SendFromBrowser(ReadOnlySpan<byte> datagram) => Network.Send(datagram, BrowserAddress, LiteAddress);

    /// <summary>One round: both sides send what they have, the network delivers, virtual time moves 10 ms.</summary>
    public void Round(bool browserChecks = true)
    {
        if (browserChecks)
        {
            foreach (var d in Browser.Poll(Time.GetUtcNow()))
            {
                Network.Send(d, BrowserAddress, LiteAddress);
            }
        }
        DrainLite();
        foreach (var (data, from, to) in Network.TakeDeliverable())
        {
            if (to.Equals(LiteAddress))
            {
                var kind = Lite.HandleDatagram(data, from, out var plain);
                if (kind == PeerInput.Rtp && RtpHeader.TryParse(data.AsSpan(0, plain), out var header, out _))
                {
                    LiteReceivedRtp.Add((header.Ssrc, header.SequenceNumber));
                    if (Echo)
                    {
                        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), EchoSsrc);
                        Lite.SendRtp(data.AsSpan(0, plain));
                    }
                }
                else if (kind == PeerInput.Rtcp)
                {
                    LiteReceivedRtcp++;
                }
            }
            else if (Browser.Receive(data))
            {
                BrowserReceivedSrtp.Add(data);
            }
        }
        Lite.HandleTimeout();
        DrainLite();
        Time.Advance(TimeSpan.FromMilliseconds(10));
        Thread.Sleep(1);
    }

    /// <summary>Runs rounds until <paramref name="done"/> holds; fails with <paramref name="what"/> after a generous real-time limit.</summary>
    public void RunUntil(Func<bool> done, string what, bool browserChecks = true)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within 60 s (sent {Network.Sent}, dropped {Network.Dropped}; " +
                    $"browser DTLS {Browser.Dtls.State} {Browser.Failure}; lite events: {string.Join(", ", LiteEvents)}).");
            }
            Round(browserChecks);
        }
    }

    public void Dispose()
    {
        Lite.Dispose();
        Browser.Dtls.Dispose();
        Browser.Srtp?.Dispose();
    }

    private void DrainLite()
    {
        while (Lite.TryPollTransmit(out var t))
        {
            Network.Send(t.Span, LiteAddress, t.Destination);
            t.Release();
        }
        while (Lite.TryPollEvent(out var e))
        {
            LiteEvents.Add(e);
        }
    }
}
