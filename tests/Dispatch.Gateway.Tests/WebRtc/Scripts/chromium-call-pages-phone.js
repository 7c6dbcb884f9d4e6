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
const { launch, say, nextLine, openCallPage, received, until } = require('./chromium-common');
const [origin, dispatcherLogin, workerLogin, workerId, password] = process.argv.slice(4);
const open = (browser, page, login) => openCallPage(browser, origin, page, login, password);

const status = async page => ({
  state: await page.getAttribute('[data-testid=call-status]', 'data-state'),
  text: (await page.textContent('[data-testid=call-status]')).trim(),
  reason: (await page.textContent('[data-testid=call-reason]')).trim(),
  ringing: await page.isVisible('[data-testid=incoming]'),
  outcome: await page.evaluate(() => window.dispatchCall.outcome || null),
});

(async () => {
  const browser = await launch(['--autoplay-policy=no-user-gesture-required', `--unsafely-treat-insecure-origin-as-secure=${origin}`]);
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
