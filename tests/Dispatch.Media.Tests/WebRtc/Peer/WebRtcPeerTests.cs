using System.Buffers.Binary;
using Dispatch.Media.WebRtc.Peer;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;
using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Media.Tests.WebRtc.Peer;

/// <summary>Two sans-I/O peers in memory: ICE, DTLS and SRTP end to end, on clean and lossy, reordering paths.</summary>
public sealed class WebRtcPeerTests
{
    private const uint BrowserSsrc = 0x12345678;
    private const int PacketsToSend = 300;

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.25, 0.15)]
    public void Peers_complete_ice_dtls_and_srtp_and_echo_media(double loss, double reorder)
    {
        using var pair = new PeerPair(new LossyNetwork(seed: 5, loss, reorder));

        pair.RunUntil(() => pair.Browser.Srtp is not null && pair.Lite.IsConnected, "ICE + DTLS");

        var connected = Assert.Single(pair.LiteEvents.OfType<WebRtcPeerConnected>());
        Assert.Equal(PeerPair.BrowserAddress, connected.Remote);
        pair.Echo = true;
        var browserSrtp = pair.Browser.Srtp!;
        var buffer = new byte[1500];
        for (var i = 0; i < PacketsToSend; i++)
        {
            var header = RtpHeaderWriter.Write(buffer, marker: false, 111, (ushort)(65400 + i), (uint)(960 * i), BrowserSsrc);
            buffer.AsSpan(header, 160).Fill((byte)i);
            Assert.Equal(SrtpResult.Ok, browserSrtp.Outbound.ProtectRtp(buffer, header + 160, out var length));
            pair.SendFromBrowser(buffer.AsSpan(0, length));
            if (i % 50 == 0)
            {
                var rr = ReceiverReport.Write(buffer, BrowserSsrc, []);
                Assert.Equal(SrtpResult.Ok, browserSrtp.Outbound.ProtectRtcp(buffer, rr, out var rtcpLength));
                pair.SendFromBrowser(buffer.AsSpan(0, rtcpLength));
            }
            pair.Round();
        }
        for (var i = 0; i < 20; i++)
        {
            pair.Round();
        }

        // Sequence numbers wrapped at 65535 on the way: the rollover counter must follow (RFC 3711 §3.3.1).
        var delivered = pair.LiteReceivedRtp.Where(p => p.Ssrc == BrowserSsrc).Select(p => p.Seq).Distinct().Count();
        Assert.InRange(delivered, (int)(PacketsToSend * (1 - loss) * 0.8), PacketsToSend);
        Assert.True(pair.LiteReceivedRtcp > 0, "no SRTCP packet was unprotected by the lite peer");

        var echoed = new HashSet<ushort>();
        foreach (var datagram in pair.BrowserReceivedSrtp)
        {
            Assert.Equal(SrtpResult.Ok, browserSrtp.Inbound.UnprotectRtp(datagram, out var plain));
            Assert.True(RtpHeader.TryParse(datagram.AsSpan(0, plain), out var header, out _));
            Assert.Equal(PeerPair.EchoSsrc, header.Ssrc);
            Assert.Equal((byte)(header.SequenceNumber - 65400), datagram[header.HeaderLength]);
            echoed.Add(header.SequenceNumber);
        }
        Assert.InRange(echoed.Count, (int)(PacketsToSend * (1 - loss) * (1 - loss) * 0.8), delivered);
    }

    [Fact]
    public void Consent_expiry_closes_the_peer_in_virtual_time()
    {
        using var pair = new PeerPair(new LossyNetwork(seed: 7, 0, 0));
        pair.RunUntil(() => pair.Lite.IsConnected, "ICE + DTLS");

        pair.Time.Advance(TimeSpan.FromSeconds(31));
        pair.Round(browserChecks: false);

        var closed = Assert.Single(pair.LiteEvents.OfType<WebRtcPeerClosed>());
        Assert.Contains("consent", closed.Reason);
        Assert.False(pair.Lite.SendRtp(new byte[20]));
    }

    [Fact]
    public void Dtls_and_srtp_from_an_address_no_check_validated_are_dropped()
    {
        using var pair = new PeerPair(new LossyNetwork(seed: 9, 0, 0));
        pair.RunUntil(() => pair.Lite.IsConnected && pair.Browser.Srtp is not null, "ICE + DTLS");
        var buffer = new byte[200];
        var header = RtpHeaderWriter.Write(buffer, false, 111, 1, 1, BrowserSsrc);
        Assert.Equal(SrtpResult.Ok, pair.Browser.Srtp!.Outbound.ProtectRtp(buffer, header + 20, out var length));
        var stranger = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.9.9.9"), 4000);

        Assert.Equal(PeerInput.None, pair.Lite.HandleDatagram(buffer.AsSpan(0, length), stranger, out _));
        Assert.Equal(PeerInput.Rtp, pair.Lite.HandleDatagram(buffer.AsSpan(0, length), PeerPair.BrowserAddress, out var plain));
        Assert.Equal(header + 20, plain);
        Assert.Equal(BrowserSsrc, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(8)));
    }
}
