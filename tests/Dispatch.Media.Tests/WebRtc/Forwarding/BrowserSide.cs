using System.Net;
using System.Text.RegularExpressions;
using Dispatch.Media.Sdp;
using Dispatch.Media.Tests.WebRtc.Dtls;
using Dispatch.Media.Tests.WebRtc.Peer;
using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Forwarding;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Peer;
using Dispatch.Media.WebRtc.Rtcp;
using Dispatch.Media.WebRtc.Rtp;
using Dispatch.Media.WebRtc.Srtp;

namespace Dispatch.Media.Tests.WebRtc.Forwarding;

/// <summary>One browser of a call in memory: its offer, the leg that answered it, and what it received back.</summary>
internal sealed class BrowserSide : IDisposable
{
    public BrowserSide(string name, IPEndPoint address, string offer, IceCredentials ice, WebRtcCallLeg leg)
    {
        Name = name;
        Address = address;
        Offer = offer;
        Leg = leg;
        var answer = SdpParser.Parse(leg.AnswerSdp).Description!;
        AudioSsrc = answer.Media[0].Ssrcs().First().Ssrc;
        VideoSsrc = answer.Media[1].Ssrcs().First().Ssrc;
        VideoRtxSsrc = answer.Media[1].Ssrcs().Select(s => s.Ssrc).Distinct().Skip(1).FirstOrDefault();
        var password = Regex.Match(leg.AnswerSdp, "a=ice-pwd:([^\r\n]+)").Groups[1].Value;
        Peer = new ControllingTestPeer(ice, new IceCredentials(leg.LocalUfrag, password),
            DtlsEndpoint.CreateClient(DtlsPair.ClientCertificate, DtlsPair.ServerCertificate.Fingerprint, DtlsPair.Fast));
    }

    public string Name { get; }

    public IPEndPoint Address { get; }

    public string Offer { get; }

    public WebRtcCallLeg Leg { get; }

    public ControllingTestPeer Peer { get; }

    /// <summary>Our SSRCs toward this browser, from the leg's answer.</summary>
    public uint AudioSsrc { get; }

    public uint VideoSsrc { get; }

    public uint VideoRtxSsrc { get; }

    /// <summary>While true nothing reaches this browser or leaves it, checks included (a cable pulled).</summary>
    public bool Blackout { get; set; }

    /// <summary>While false the browser sends no connectivity checks (it has not applied the answer yet).</summary>
    public bool Checks { get; set; } = true;

    public List<(RtpHeader Header, byte[] Packet)> ReceivedRtp { get; } = [];

    public List<RtcpPacket> ReceivedRtcp { get; } = [];

    public List<WebRtcPeerEvent> LegEvents { get; } = [];

    public bool Connected => Peer.Srtp is not null && Leg.IsConnected;

    /// <summary>Handles a datagram from the leg: ICE and DTLS inside the test peer, SRTP unprotected and kept.</summary>
    public void Receive(byte[] datagram)
    {
        if (!Peer.Receive(datagram) || Peer.Srtp is not { } srtp)
        {
            return;
        }
        if (PacketDemultiplexer.Classify(datagram) == PacketKind.Rtcp)
        {
            if (srtp.Inbound.UnprotectRtcp(datagram, out var length) == SrtpResult.Ok && RtcpCompound.TryParse(datagram.AsSpan(0, length), out var compound, out _))
            {
                ReceivedRtcp.AddRange(compound!.Packets);
            }
        }
        else if (srtp.Inbound.UnprotectRtp(datagram, out var length) == SrtpResult.Ok && RtpHeader.TryParse(datagram.AsSpan(0, length), out var header, out _))
        {
            ReceivedRtp.Add((header, datagram[..length]));
        }
    }

    /// <summary>Protects a plain RTP packet or RTCP compound with this browser's keys.</summary>
    public byte[] Protect(ReadOnlySpan<byte> plain, bool rtcp)
    {
        var buffer = new byte[plain.Length + 64];
        plain.CopyTo(buffer);
        var result = rtcp ? Peer.Srtp!.Outbound.ProtectRtcp(buffer, plain.Length, out var length) : Peer.Srtp!.Outbound.ProtectRtp(buffer, plain.Length, out length);
        if (result != SrtpResult.Ok)
        {
            throw new InvalidOperationException($"{Name}: protect failed: {result}");
        }
        return buffer[..length];
    }

    public void Dispose()
    {
        Leg.Dispose();
        Peer.Dtls.Dispose();
        Peer.Srtp?.Dispose();
    }
}
