// Drives headless Chromium (inside a network namespace, through a wrapper) against the echo endpoint.
// Protocol on stdio, one JSON object per line:
//   stdout {"offer": sdp}  ->  stdin {"answer": sdp}  ->  stdout {"result": {...}} or {"error": "..."}
// argv: <playwright-core folder> <chromium wrapper>
const readline = require('readline');
const { launch } = require('./chromium-common');

const lines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise(resolve => lines.once('line', resolve));
const say = o => process.stdout.write(JSON.stringify(o) + '\n');

(async () => {
  const browser = await launch(['--disable-features=WebRtcHideLocalIpsWithMdns']);
  try {
    const page = await browser.newPage();
    // A secure origin for getUserMedia without any server: Playwright answers the request itself.
    await page.route('https://echo.dispatch.test/**', route =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>echo</title>' }));
    await page.goto('https://echo.dispatch.test/');
    const offer = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      const pc = new RTCPeerConnection();
      window.pc = pc;
      stream.getTracks().forEach(t => pc.addTrack(t, stream));
      await pc.setLocalDescription(await pc.createOffer());
      return pc.localDescription.sdp;
    });
    say({ offer });
    const answer = JSON.parse(await nextLine()).answer;
    await page.evaluate(sdp => window.pc.setRemoteDescription({ type: 'answer', sdp }), answer);
    const deadline = Date.now() + 45000;
    let last = {};
    while (Date.now() < deadline) {
      last = await page.evaluate(async () => {
        const out = { connectionState: window.pc.connectionState, framesDecoded: 0, audioPacketsReceived: 0 };
        (await window.pc.getStats()).forEach(s => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') out.framesDecoded += s.framesDecoded || 0;
          if (s.type === 'inbound-rtp' && s.kind === 'audio') out.audioPacketsReceived += s.packetsReceived || 0;
        });
        return out;
      });
      if (last.framesDecoded > 0 && last.audioPacketsReceived > 0) break;
      await new Promise(r => setTimeout(r, 250));
    }
    say({ result: last });
  } catch (e) {
    say({ error: String(e && e.stack || e) });
  } finally {
    await browser.close();
    process.exit(0);
  }
})();
