// What the Chromium scripts share: launching headless Chromium with fake media devices, the stdio protocol with the
// test (one JSON object per line each way), and, for the call pages, logging in, reading getStats and waiting.
const path = require('path');
const readline = require('readline');

/** Headless Chromium through the test's wrapper (argv[3]) with playwright-core from argv[2]; extra flags appended. */
function launch(extraArgs = []) {
  const { chromium } = require(path.join(process.argv[2], 'node_modules', 'playwright-core'));
  return chromium.launch({
    executablePath: process.argv[3],
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic', ...extraArgs,
    ],
  });
}

const say = o => process.stdout.write(JSON.stringify(o) + '\n');

/** The next line on stdin; lines that arrive while nobody waits are kept in order. */
const nextLine = (() => {
  let lines = null;
  const queued = [];
  let waiting = null;
  return () => {
    if (!lines) {
      lines = readline.createInterface({ input: process.stdin });
      lines.on('line', line => { if (waiting) { const w = waiting; waiting = null; w(line); } else queued.push(line); });
    }
    return queued.length ? Promise.resolve(queued.shift()) : new Promise(resolve => { waiting = resolve; });
  };
})();

/** A call page (call-dispatcher.html or call-worker.html) in a browser context of its own, logged in. */
async function openCallPage(browser, origin, page, login, password) {
  const p = await (await browser.newContext()).newPage();
  await p.goto(origin + '/' + page);
  await p.fill('[data-testid=login-name]', login);
  await p.fill('[data-testid=login-password]', password);
  await p.click('[data-testid=login-submit]');
  await p.waitForSelector('#page:not([hidden])', { timeout: 30000 });
  return p;
}

/** What a call page's peer connection received so far: decoded video frames, audio packets and energy. */
const received = page => page.evaluate(async () => {
  const out = { framesDecoded: 0, frameWidth: 0, audioPackets: 0, audioEnergy: 0, state: window.dispatchCall.state, outcome: window.dispatchCall.outcome };
  if (!window.dispatchCall.pc) return out;
  for (const r of (await window.dispatchCall.pc.getStats()).values()) {
    if (r.type !== 'inbound-rtp') continue;
    if (r.kind === 'video') { out.framesDecoded += r.framesDecoded || 0; out.frameWidth = r.frameWidth || out.frameWidth; }
    if (r.kind === 'audio') { out.audioPackets += r.packetsReceived || 0; out.audioEnergy += r.totalAudioEnergy || 0; }
  }
  return out;
});

/** Polls check() every 100 ms until its result says ok; fails with the last result after ms. */
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

/** The dispatcher's page calls a worker by id; returns the call id once the page has one. */
async function callById(dispatcher, workerId) {
  await dispatcher.fill('[data-testid=callee-id]', workerId);
  await dispatcher.click('[data-testid=call-by-id]');
  const found = await until('the call id at the dispatcher', async () => {
    const id = await dispatcher.evaluate(() => window.dispatchCall.callId || null); return { ok: !!id, id };
  }, 15000);
  return found.id;
}

/** The dispatcher's page hangs up; resolves once the page says the call ended. */
async function hangUp(dispatcher) {
  await dispatcher.click('[data-testid=hang-up]');
  await dispatcher.waitForSelector('[data-testid=call-status][data-state=ended]', { timeout: 15000 });
}

/**
 * Runs setup() (which says {"ready"} and returns the step handlers by name), then answers the test's steps, one
 * JSON line each, until {"stop"}. An unknown step or any failure is answered {"error"}; the browser is closed and
 * the process exits either way.
 */
async function serveSteps(browser, setup) {
  try {
    const handlers = await setup();
    for (;;) {
      const step = Object.keys(JSON.parse(await nextLine()))[0];
      if (step === 'stop') break;
      if (!Object.hasOwn(handlers, step)) throw new Error(`unknown step ${step}`);
      await handlers[step]();
    }
  } catch (e) {
    say({ error: String(e && e.stack || e) });
  } finally {
    await browser.close();
    process.exit(0);
  }
}

module.exports = { launch, say, nextLine, openCallPage, received, until, callById, hangUp, serveSteps };
