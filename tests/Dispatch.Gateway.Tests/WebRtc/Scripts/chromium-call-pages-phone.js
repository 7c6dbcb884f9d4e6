// The two call pages of a gateway process in headless Chromium (inside a network namespace, through a wrapper), for a
// worker who also has a SIP desk phone that the test drives. Steps are asked for on stdin, one JSON object per line;
// each answers with one JSON line on stdout (or {"error": "..."}):
//   {"call": ""}            the dispatcher calls the worker by id; answers {"ringing": {"text", "callId"}} once the worker's page rings
//   {"answerPage": ""}      the worker's page answers; answers {"connected": {...}} once both pages decode each other's video
//   {"watchElsewhere": ""}  answers {"stopped": {...}} once the worker's page stopped ringing because another device answered
//   {"dispatcherHears": ""} answers {"heard": {...}} once the dispatcher's page receives audio (from the phone)
//   {"hangUp": ""}          the dispatcher hangs up; answers {"ended": {...}} once the dispatcher's page (and a connected worker page) ended
//   {"stop": ""}            closes the browser
// argv: <playwright-core folder> <chromium wrapper> <origin> <dispatcher login> <worker login> <worker id> <password>
const path = require('path');
const readline = require('readline');
const { chromium } = require(path.join(process.argv[2], 'node_modules', 'playwright-core'));
const [origin, dispatcherLogin, workerLogin, workerId, password] = process.argv.slice(4);

const lines = readline.createInterface({ input: process.stdin });
const queued = [];
let waiting = null;
lines.on('line', line => { if (waiting) { const w = waiting; waiting = null; w(line); } else queued.push(line); });
const nextLine = () => queued.length ? Promise.resolve(queued.shift()) : new Promise(resolve => { waiting = resolve; });
const say = o => process.stdout.write(JSON.stringify(o) + '\n');

async function open(browser, page, login) {
  const p = await (await browser.newContext()).newPage();
  await p.goto(origin + '/' + page);
  await p.fill('[data-testid=login-name]', login);
  await p.fill('[data-testid=login-password]', password);
  await p.click('[data-testid=login-submit]');
  await p.waitForSelector('#page:not([hidden])', { timeout: 30000 });
  return p;
}

// What this page's peer connection received so far: decoded video frames, audio packets and energy.
const received = page => page.evaluate(async () => {
  const out = { framesDecoded: 0, audioPackets: 0, audioEnergy: 0, state: window.dispatchCall.state, outcome: window.dispatchCall.outcome };
  if (!window.dispatchCall.pc) return out;
  for (const r of (await window.dispatchCall.pc.getStats()).values()) {
    if (r.type !== 'inbound-rtp') continue;
    if (r.kind === 'video') out.framesDecoded += r.framesDecoded || 0;
    if (r.kind === 'audio') { out.audioPackets += r.packetsReceived || 0; out.audioEnergy += r.totalAudioEnergy || 0; }
  }
  return out;
});

async function until(what, check, ms) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await check();
    if (last.ok) return last;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last)}`);
}

const status = async page => ({
  state: await page.getAttribute('[data-testid=call-status]', 'data-state'),
  text: (await page.textContent('[data-testid=call-status]')).trim(),
  reason: (await page.textContent('[data-testid=call-reason]')).trim(),
  ringing: await page.isVisible('[data-testid=incoming]'),
  outcome: await page.evaluate(() => window.dispatchCall.outcome || null),
});

(async () => {
  const browser = await chromium.launch({
    executablePath: process.argv[3],
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic', '--autoplay-policy=no-user-gesture-required', `--unsafely-treat-insecure-origin-as-secure=${origin}`,
    ],
  });
  try {
    const worker = await open(browser, 'call-worker.html', workerLogin);
    const dispatcher = await open(browser, 'call-dispatcher.html', dispatcherLogin);
    say({ ready: true });
    let workerConnected = false;
    for (;;) {
      const step = Object.keys(JSON.parse(await nextLine()))[0];
      if (step === 'stop') break;
      if (step === 'call') {
        await dispatcher.fill('[data-testid=callee-id]', workerId);
        await dispatcher.click('[data-testid=call-by-id]');
        await worker.waitForSelector('[data-testid=incoming]:not([hidden])', { timeout: 30000 });
        const text = (await worker.textContent('[data-testid=incoming-caller]')).trim();
        const callId = await until('the call id at the dispatcher', async () => {
          const id = await dispatcher.evaluate(() => window.dispatchCall.callId || null); return { ok: !!id, id };
        }, 15000);
        say({ ringing: { text, callId: callId.id } });
      } else if (step === 'answerPage') {
        await worker.click('[data-testid=answer]');
        workerConnected = true;
        const atDispatcher = await until('video at the dispatcher', async () => {
          const r = await received(dispatcher); r.ok = r.framesDecoded > 10; return r;
        }, 30000);
        const atWorker = await until('video at the worker', async () => {
          const r = await received(worker); r.ok = r.framesDecoded > 10; return r;
        }, 30000);
        say({ connected: { atDispatcher, atWorker, worker: await status(worker), dispatcher: await status(dispatcher) } });
      } else if (step === 'watchElsewhere') {
        await worker.waitForSelector('[data-testid=incoming]', { state: 'hidden', timeout: 30000 });
        await worker.waitForSelector('[data-testid=call-status][data-state=ended]', { timeout: 15000 });
        say({ stopped: await status(worker) });
      } else if (step === 'dispatcherHears') {
        const heard = await until('audio at the dispatcher', async () => {
          const r = await received(dispatcher); r.ok = r.audioPackets > 50; return r;
        }, 30000);
        say({ heard: { ...heard, dispatcher: await status(dispatcher) } });
      } else if (step === 'hangUp') {
        await dispatcher.click('[data-testid=hang-up]');
        await dispatcher.waitForSelector('[data-testid=call-status][data-state=ended]', { timeout: 15000 });
        if (workerConnected) await worker.waitForSelector('[data-testid=call-status][data-state=ended]', { timeout: 15000 });
        say({ ended: { dispatcher: await status(dispatcher), worker: await status(worker) } });
      } else {
        throw new Error(`unknown step ${step}`);
      }
    }
  } catch (e) {
    say({ error: String(e && e.stack || e) });
  } finally {
    await browser.close();
    process.exit(0);
  }
})();
