using Xunit.Abstractions;
using System.Net;
using Dispatch.Media.Audio;
using Dispatch.Media.Audio.Opus;
using Dispatch.Media.Bridging;
using Dispatch.Media.Bridging.Hosting;
using Dispatch.Media.Sdp;
using Dispatch.Media.Tests.Audio;
using Dispatch.Media.WebRtc.Rtp;

namespace Dispatch.Media.Tests.Bridging.Hosting;

/// <summary>
/// A real phone (baresip) on the far side of the bridge: our plain RTP leg offers G.711, baresip answers and plays a
/// 1200 Hz sine; a stand-in browser feeds the bridge a 700 Hz tone as Opus. Both directions are checked by the
/// energy at each tone's frequency: baresip's recording of what it heard (sndfile), and our decode of the Opus the
/// bridge produced from baresip's RTP.
/// </summary>
public sealed class BaresipBridgeTests(ITestOutputHelper output)
{
    private const int BrowserToneHz = 700;
    private const int PhoneToneHz = 1200;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Baresip_hears_the_browsers_tone_and_the_browser_hears_baresips_tone_through_the_bridge()
    {
        Assert.True(File.Exists(BaresipPhone.Binary), $"{BaresipPhone.Binary} is missing: run build/ensure-tools.sh test (Debian package baresip).");
        var firstPort = 40000 + Environment.ProcessId % 4000 * 2;
        var host = new PlainRtpHost(new PlainRtpHostOptions { BindAddress = IPAddress.Loopback, AdvertisedAddress = "127.0.0.1", MinPort = firstPort, MaxPort = firstPort + 400 });
        await using var phone = BaresipPhone.Start(PhoneToneHz);
        const uint toSipSsrc = 0x0B0B0B0B;
        await using var channel = host.Open("4711", toSipSsrc);
        using var caller = new TestSipCaller(phone.SipEndPoint);

        string offer;
        lock (channel.Gate) offer = channel.Leg.CreateOffer().ToString();
        var answerText = await caller.Invite(offer, Patience);
        var answer = SessionDescription.Parse(answerText);
        Assert.True(answer.IsSuccess, $"baresip's answer did not parse: {answer.Error}\n{answerText}");

        var fromBridge = new List<byte[]>();
        var browser = new OpusFrameEncoder();
        var browserFrames = 0L;
        var opus = new byte[OpusFrameEncoder.MaxPacketBytes];
        var packet = new byte[1500];
        AudioBridge bridge;
        lock (channel.Gate)
        {
            Assert.True(channel.Leg.AcceptAnswer(answer.Description!, out var error), error);
            bridge = new AudioBridge(channel.Leg.Negotiation!.ToBridgeOptions(new AudioBridgeOptions { ToSipSsrc = toSipSsrc }));
            channel.MediaReceived = (rtp, now) => bridge.FromSip(rtp.Span, now);
            channel.Ticked = now =>
            {
                // The stand-in browser sends one Opus frame per 20 ms of elapsed time.
                for (; browserFrames * AudioFrame.Duration.Ticks <= now.Ticks; browserFrames++)
                {
                    var pcm = Signal.Tone(BrowserToneHz, AudioFrame.FullbandRate, AudioFrame.FullbandSamples, 8000, browserFrames * AudioFrame.FullbandSamples);
                    var length = browser.Encode(pcm, opus);
                    var header = RtpHeaderWriter.Write(packet, false, 111, (ushort)browserFrames, (uint)(browserFrames * 960), 0xB0B);
                    opus.AsSpan(0, length).CopyTo(packet.AsSpan(header));
                    bridge.FromWebRtc(packet.AsSpan(0, header + length), now);
                }
                bridge.Tick(now);
                while (bridge.TryPollToSip(packet, out var n)) channel.Send(packet.AsSpan(0, n));
                while (bridge.TryPollToWebRtc(packet, out var n)) fromBridge.Add(packet[..n]);
            };
        }

        await WaitUntil(() => { lock (channel.Gate) return fromBridge.Count >= 150 && channel.Leg.RtpSent >= 150; },
            "three seconds of audio each way", phone, channel);
        await caller.Bye();
        await phone.WaitForOutput("closed", Patience); // baresip ends the call (and sndfile closes its WAV files)
        channel.Ticked = null;

        // Phone → bridge → browser: decode what the bridge sent toward WebRTC and look for baresip's tone.
        List<byte[]> toBrowser;
        lock (channel.Gate) toBrowser = [.. fromBridge];
        var decoder = new OpusFrameDecoder();
        var heardByBrowser = new short[toBrowser.Count * 960];
        for (var i = 0; i < toBrowser.Count; i++)
        {
            Assert.True(RtpHeader.TryParse(toBrowser[i], out var h, out _));
            Assert.Equal(111, h.PayloadType);
            decoder.Decode(toBrowser[i].AsSpan(h.PayloadOffset, h.PayloadLength), heardByBrowser.AsSpan(i * 960, 960));
        }
        var steady = heardByBrowser.AsSpan(heardByBrowser.Length / 3);
        var browserHearsPhone = Signal.AmplitudeAt(steady, PhoneToneHz, AudioFrame.FullbandRate);
        var browserHearsOff = Signal.AmplitudeAt(steady, 2500, AudioFrame.FullbandRate);
        output.WriteLine($"browser side: {browserHearsPhone:F0} at {PhoneToneHz} Hz, {browserHearsOff:F0} at 2500 Hz");
        Assert.True(browserHearsPhone > 300 && browserHearsPhone > 10 * browserHearsOff,
            $"the browser side should hear {PhoneToneHz} Hz: amplitude {browserHearsPhone:F0} vs {browserHearsOff:F0} at 2500 Hz\n{phone.Output}");

        // Browser → bridge → phone: baresip's own recording of what it decoded.
        var recording = phone.Recording("dec");
        Assert.True(recording is not null, $"sndfile wrote no recording of what baresip heard; files: {string.Join(", ", Directory.GetFiles(phone.Folder))}\n{phone.Output}");
        var (heard, rate) = WavFile.Read(recording!);
        Assert.True(heard.Length > rate, $"baresip recorded only {heard.Length} samples at {rate} Hz");
        var tail = heard.AsSpan(heard.Length / 3);
        var phoneHearsBrowser = Signal.AmplitudeAt(tail, BrowserToneHz, rate);
        var phoneHearsOff = Signal.AmplitudeAt(tail, 2500, rate);
        var phoneHearsItself = Signal.AmplitudeAt(tail, PhoneToneHz, rate);
        output.WriteLine($"baresip ({rate} Hz): {phoneHearsBrowser:F0} at {BrowserToneHz} Hz, {phoneHearsOff:F0} at 2500 Hz, {phoneHearsItself:F0} at {PhoneToneHz} Hz");
        Assert.True(phoneHearsBrowser > 300 && phoneHearsBrowser > 10 * phoneHearsOff && phoneHearsBrowser > 10 * phoneHearsItself,
            $"baresip should hear {BrowserToneHz} Hz: amplitude {phoneHearsBrowser:F0}, {phoneHearsOff:F0} at 2500 Hz, {phoneHearsItself:F0} at its own tone\n{phone.Output}");

        lock (channel.Gate)
        {
            Assert.Equal(0, bridge.Statistics.Malformed);
            Assert.NotNull(channel.Leg.LatchedRemote); // symmetric RTP: we sent to where baresip's RTP came from
        }
    }

    private static async Task WaitUntil(Func<bool> condition, string what, BaresipPhone phone, PlainRtpChannel channel)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"timed out waiting for {what}: received {channel.Leg.RtpReceived}, sent {channel.Leg.RtpSent}, ignored {channel.Leg.Ignored}\n{phone.Output}");
            await Task.Delay(100);
        }
    }
}
