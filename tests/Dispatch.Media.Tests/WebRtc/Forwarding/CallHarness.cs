using System.Net;
using System.Text.RegularExpressions;
using Dispatch.Media.Tests.Sdp;
using Dispatch.Media.Tests.WebRtc.Dtls;
using Dispatch.Media.Tests.WebRtc.Peer;
using Dispatch.Media.WebRtc.Forwarding;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Rtp;
using Microsoft.Extensions.Time.Testing;
using SdpCandidate = Dispatch.Media.Sdp.Attributes.IceCandidate;

namespace Dispatch.Media.Tests.WebRtc.Forwarding;

/// <summary>
/// Two browsers, each on its own leg of one call, joined by a <see cref="LegForwarder"/>, all in memory and in
/// virtual time over a <see cref="LossyNetwork"/>:
/// <code>
///   browser A (Chromium's offer) ⇄ leg A ─ forwarder ─ leg B ⇄ browser B (same offer renumbered: other PTs, ext ids, mids, SSRCs)
/// </code>
/// </summary>
internal sealed class CallHarness : IDisposable
{
    public const uint ChromiumAudioSsrc = 3262661846;
    public const uint ChromiumVideoSsrc = 1862494604;
    public const uint ChromiumVideoRtxSsrc = 1112104850;
    public const uint OtherAudioSsrc = 1111111111;
    public const uint OtherVideoSsrc = 2222222222;
    public const uint OtherVideoRtxSsrc = 2222222223;

    private static readonly IPEndPoint NodeAddress = new(IPAddress.Parse("10.0.0.1"), 5000);
    private readonly object _gate = new();

    public CallHarness(LossyNetwork network)
    {
        Network = network;
        var settings = new CallLegSettings
        {
            Certificate = DtlsPair.ServerCertificate,
            Candidates = [SdpCandidate.Host("1", NodeAddress.Address.ToString(), NodeAddress.Port)],
            Dtls = DtlsPair.Fast,
        };
        var iceA = IceCredentials.NewRandom();
        var iceB = IceCredentials.NewRandom();
        var offerA = ChromiumOffer(iceA);
        var offerB = Renumbered(ChromiumOffer(iceB));
        A = new BrowserSide("A", new IPEndPoint(IPAddress.Parse("10.0.0.2"), 6000), offerA, iceA,
            WebRtcCallLeg.Answer("call-1", "caller", offerA, settings, Time, _gate));
        B = new BrowserSide("B", new IPEndPoint(IPAddress.Parse("10.0.0.3"), 7000), offerB, iceB,
            WebRtcCallLeg.Answer("call-1", "callee", offerB, settings, Time, _gate));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public LossyNetwork Network { get; }

    public BrowserSide A { get; }

    public BrowserSide B { get; }

    public LegForwarder? Forwarder { get; private set; }

    public void Join()
    {
        lock (_gate)
        {
            Forwarder = new LegForwarder(A.Leg, B.Leg, Time);
        }
    }

    /// <summary>Sends one plain RTP packet from a browser (protected with its keys) into the network.</summary>
    public void SendRtp(BrowserSide from, bool marker, byte payloadType, ushort seq, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload,
        params RtpExtensionElement[] extensions)
    {
        var buffer = new byte[1500];
        var header = RtpHeaderWriter.Write(buffer, marker, payloadType, seq, timestamp, ssrc, extensions: extensions);
        payload.CopyTo(buffer.AsSpan(header));
        Send(from, from.Protect(buffer.AsSpan(0, header + payload.Length), rtcp: false));
    }

    public void SendRtcp(BrowserSide from, ReadOnlySpan<byte> compound) => Send(from, from.Protect(compound, rtcp: true));

    /// <summary>One round: browsers send checks and DTLS, both legs drain, the network delivers, virtual time moves 10 ms.</summary>
    public void Round()
    {
        foreach (var side in new[] { A, B })
        {
            if (side.Checks)
            {
                foreach (var d in side.Peer.Poll(Time.GetUtcNow()))
                {
                    Send(side, d);
                }
            }
        }
        for (var pass = 0; pass < 2; pass++)
        {
            DrainLegs();
            foreach (var (data, from, to) in Network.TakeDeliverable())
            {
                if (to.Equals(NodeAddress))
                {
                    var side = from.Equals(A.Address) ? A : B;
                    if (!side.Blackout)
                    {
                        side.Leg.HandleDatagram(data, from);
                    }
                }
                else
                {
                    var side = to.Equals(A.Address) ? A : B;
                    if (!side.Blackout)
                    {
                        side.Receive(data);
                    }
                }
            }
        }
        A.Leg.HandleTimeout();
        B.Leg.HandleTimeout();
        DrainLegs();
        Time.Advance(TimeSpan.FromMilliseconds(10));
        // BouncyCastle's DTLS timers run on real time in a worker thread: let it move.
        Thread.Sleep(1);
    }

    public void RunUntil(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within 60 s (sent {Network.Sent}, dropped {Network.Dropped}; " +
                    $"A: {A.Peer.Dtls.State} {A.Peer.Failure} {string.Join(",", A.LegEvents)}; B: {B.Peer.Dtls.State} {B.Peer.Failure} {string.Join(",", B.LegEvents)}).");
            }
            Round();
        }
    }

    public void Rounds(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Round();
        }
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }

    private void Send(BrowserSide from, ReadOnlySpan<byte> datagram)
    {
        if (!from.Blackout)
        {
            Network.Send(datagram, from.Address, NodeAddress);
        }
    }

    private void DrainLegs()
    {
        foreach (var side in new[] { A, B })
        {
            while (side.Leg.TryPollTransmit(out var t))
            {
                if (!side.Blackout)
                {
                    Network.Send(t.Span, NodeAddress, t.Destination);
                }
                t.Release();
            }
            while (side.Leg.TryPollEvent(out var e))
            {
                side.LegEvents.Add(e!);
            }
        }
    }

    private static string ChromiumOffer(IceCredentials ice)
    {
        var text = SdpSamples.Text("ex_webrtc__chromium_audio_video_sdp.txt");
        text = Regex.Replace(text, "a=ice-ufrag:[^\r\n]+", "a=ice-ufrag:" + ice.Ufrag);
        text = Regex.Replace(text, "a=ice-pwd:[^\r\n]+", "a=ice-pwd:" + ice.Password);
        return Regex.Replace(text, "a=fingerprint:[^\r\n]+", "a=fingerprint:" + DtlsPair.ClientCertificate.Fingerprint.ToSdpValue());
    }

    /// <summary>
    /// Browser B's offer: Opus 117 instead of 111, VP8 120/rtx 121 instead of 96/97, the MID extension at id 9
    /// instead of 4, mids "au" and "vi" instead of "0" and "1", and its own SSRCs.
    /// </summary>
    private static string Renumbered(string offer) => offer
        .Replace("m=audio 9 UDP/TLS/RTP/SAVPF 111 ", "m=audio 9 UDP/TLS/RTP/SAVPF 117 ")
        .Replace("a=rtpmap:111 ", "a=rtpmap:117 ").Replace("a=rtcp-fb:111 ", "a=rtcp-fb:117 ").Replace("a=fmtp:111 ", "a=fmtp:117 ")
        .Replace("a=fmtp:63 111/111", "a=fmtp:63 117/117")
        .Replace("m=video 9 UDP/TLS/RTP/SAVPF 96 97 ", "m=video 9 UDP/TLS/RTP/SAVPF 120 121 ")
        .Replace("a=rtpmap:96 ", "a=rtpmap:120 ").Replace("a=rtcp-fb:96 ", "a=rtcp-fb:120 ")
        .Replace("a=rtpmap:97 ", "a=rtpmap:121 ").Replace("a=fmtp:97 apt=96", "a=fmtp:121 apt=120")
        .Replace("a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid", "a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid")
        .Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE au vi").Replace("a=mid:0", "a=mid:au").Replace("a=mid:1", "a=mid:vi")
        .Replace(ChromiumAudioSsrc.ToString(), OtherAudioSsrc.ToString())
        .Replace(ChromiumVideoSsrc.ToString(), OtherVideoSsrc.ToString())
        .Replace(ChromiumVideoRtxSsrc.ToString(), OtherVideoRtxSsrc.ToString());
}
