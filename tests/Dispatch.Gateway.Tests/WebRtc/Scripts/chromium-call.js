// Headless Chromium (inside a network namespace, through a wrapper) as one browser of a forwarded call.
// Sends its fake camera at 640x480 and its fake microphone; reports what it decodes from the other side.
// Protocol on stdio, one JSON object per line:
//   stdout {"offer": sdp}  ->  stdin {"answer": sdp}  ->  stdout {"status": {...}} every 0.5 s until stdin {"stop": ""}
// argv: <playwright-core folder> <chromium wrapper>
const readline = require('readline');
const { launch } = require('./chromium-common');

const lines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise(resolve => lines.once('line', resolve));
const say = o => process.stdout.write(JSON.stringify(o) + '\n');

(async () => {
  const browser = await launch(['--disable-features=WebRtcHideLocalIpsWithMdns', '--autoplay-policy=no-user-gesture-required']);
  try {
    const page = await browser.newPage();
    // A secure origin for getUserMedia without any server: Playwright answers the request itself.
    await page.route('https://call.dispatch.test/**', route =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>call</title>' }));
    await page.goto('https://call.dispatch.test/');
    const offer = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
      const pc = new RTCPeerConnection();
      window.pc = pc;
      // Play what arrives and measure it: an audio element makes Chromium pull the remote audio through its
      // playout (getStats' energy and sample counts stay 0 otherwise), an analyser finds the loudest frequency.
      pc.ontrack = e => {
        if (e.track.kind !== 'audio') return;
        const remote = new MediaStream([e.track]);
        const element = new Audio();
        element.srcObject = remote;
        element.play().catch(() => {});
        const context = new AudioContext();
        const analyser = context.createAnalyser();
        analyser.fftSize = 8192;
        context.createMediaStreamSource(remote).connect(analyser);
        context.resume().catch(() => {});
        window.remoteAudio = { context, analyser, peakLevel: 0, peakHz: 0 };
        const bins = new Float32Array(analyser.frequencyBinCount);
        const samples = new Float32Array(analyser.fftSize);
        setInterval(() => {
          analyser.getFloatTimeDomainData(samples);
          const rms = Math.sqrt(samples.reduce((a, x) => a + x * x, 0) / samples.length);
          window.remoteAudio.peakLevel = Math.max(window.remoteAudio.peakLevel, rms);
          if (rms > 0.01) {
            analyser.getFloatFrequencyData(bins);
            let best = 1;
            for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
            window.remoteAudio.peakHz = best * context.sampleRate / analyser.fftSize;
          }
        }, 100);
      };
      stream.getTracks().forEach(t => pc.addTrack(t, stream));
      await pc.setLocalDescription(await pc.createOffer());
      return pc.localDescription.sdp;
    });
    say({ offer });
    const answer = JSON.parse(await nextLine()).answer;
    await page.evaluate(sdp => window.pc.setRemoteDescription({ type: 'answer', sdp }), answer);
    let stopped = false;
    lines.once('line', () => { stopped = true; });
    const deadline = Date.now() + 180000;
    while (!stopped && Date.now() < deadline) {
      const status = await page.evaluate(async () => {
        const out = { state: window.pc.connectionState, video: 0, audio: 0, width: 0, height: 0, audioEnergy: 0, samples: 0, pliSent: 0, nackSent: 0,
          audioPeak: window.remoteAudio ? window.remoteAudio.peakLevel : 0, audioHz: window.remoteAudio ? window.remoteAudio.peakHz : 0,
          audioContext: window.remoteAudio ? window.remoteAudio.context.state : 'none' };
        (await window.pc.getStats()).forEach(s => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') {
            out.video += s.framesDecoded || 0;
            out.width = s.frameWidth || out.width;
            out.height = s.frameHeight || out.height;
            out.pliSent += s.pliCount || 0;
            out.nackSent += s.nackCount || 0;
          }
          if (s.type === 'inbound-rtp' && s.kind === 'audio') {
            out.audio += s.packetsReceived || 0;
            out.audioEnergy += s.totalAudioEnergy || 0;
            out.samples += s.totalSamplesReceived || 0;
          }
        });
        return out;
      });
      say({ status });
      await new Promise(r => setTimeout(r, 500));
    }
  } catch (e) {
    say({ error: String(e && e.stack || e) });
  } finally {
    await browser.close();
    process.exit(0);
  }
})();
