// The dispatcher's call page of a gateway process in headless Chromium (inside a network namespace, through a
// wrapper), calling a worker whose only device is an H.264 video phone the test drives. Steps come on stdin, one
// JSON object per line; each answers with one JSON line on stdout (or {"error": "..."}):
//   {"call": ""}    the dispatcher calls the worker by id; answers {"calling": {"callId"}}
//   {"video": ""}   answers {"video": {...}} once the page decodes more than 10 frames from the phone: the inbound and
//                   outbound video codecs (getStats codec mimeType), frames, sizes and packet counts
//   {"hangUp": ""}  the dispatcher hangs up; answers {"ended": {...}} once the page says the call ended
//   {"stop": ""}    closes the browser
// argv: <playwright-core folder> <chromium wrapper> <origin> <dispatcher login> <worker id> <password>
const { launch, say, openCallPage, until, callById, hangUp, serveSteps } = require('./chromium-common');
const [origin, dispatcherLogin, workerId, password] = process.argv.slice(4);

// Video both ways as getStats reports it, with each direction's codec (RTCCodecStats.mimeType).
const video = page => page.evaluate(async () => {
  const out = { inbound: null, outbound: null, state: window.dispatchCall.state };
  if (!window.dispatchCall.pc) return out;
  const stats = await window.dispatchCall.pc.getStats();
  const codec = id => (id && stats.get(id) && stats.get(id).mimeType) || null;
  for (const r of stats.values()) {
    if (r.kind !== 'video') continue;
    if (r.type === 'inbound-rtp') {
      out.inbound = { codec: codec(r.codecId), framesDecoded: r.framesDecoded || 0, frameWidth: r.frameWidth || 0, frameHeight: r.frameHeight || 0, packetsReceived: r.packetsReceived || 0, keyFramesDecoded: r.keyFramesDecoded || 0 };
    }
    if (r.type === 'outbound-rtp') {
      out.outbound = { codec: codec(r.codecId), framesEncoded: r.framesEncoded || 0, frameWidth: r.frameWidth || 0, frameHeight: r.frameHeight || 0, packetsSent: r.packetsSent || 0, pliCount: r.pliCount || 0, firCount: r.firCount || 0 };
    }
  }
  return out;
});

(async () => {
  const browser = await launch(['--autoplay-policy=no-user-gesture-required', `--unsafely-treat-insecure-origin-as-secure=${origin}`]);
  await serveSteps(browser, async () => {
    const dispatcher = await openCallPage(browser, origin, 'call-dispatcher.html', dispatcherLogin, password);
    say({ ready: true });
    return {
      call: async () => say({ calling: { callId: await callById(dispatcher, workerId) } }),
      video: async () => {
        const seen = await until('video from the phone at the dispatcher', async () => {
          const v = await video(dispatcher); v.ok = !!v.inbound && v.inbound.framesDecoded > 10;
          return v;
        }, 45000);
        say({ video: seen });
      },
      hangUp: async () => {
        await hangUp(dispatcher);
        say({ ended: { state: await dispatcher.getAttribute('[data-testid=call-status]', 'data-state') } });
      },
    };
  });
})();
