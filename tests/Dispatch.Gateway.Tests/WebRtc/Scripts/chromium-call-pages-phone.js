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
const { launch, say, openCallPage, received, until, callById, hangUp, serveSteps } = require('./chromium-common');
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
  await serveSteps(browser, async () => {
    const worker = await open(browser, 'call-worker.html', workerLogin);
    const dispatcher = await open(browser, 'call-dispatcher.html', dispatcherLogin);
    say({ ready: true });
    let workerConnected = false;
    return {
      call: async () => {
        const callId = await callById(dispatcher, workerId);
        await worker.waitForSelector('[data-testid=incoming]:not([hidden])', { timeout: 30000 });
        const text = (await worker.textContent('[data-testid=incoming-caller]')).trim();
        say({ ringing: { text, callId } });
      },
      answerPage: async () => {
        await worker.click('[data-testid=answer]');
        workerConnected = true;
        const atDispatcher = await until('video at the dispatcher', async () => {
          const r = await received(dispatcher); r.ok = r.framesDecoded > 10; return r;
        }, 30000);
        const atWorker = await until('video at the worker', async () => {
          const r = await received(worker); r.ok = r.framesDecoded > 10; return r;
        }, 30000);
        say({ connected: { atDispatcher, atWorker, worker: await status(worker), dispatcher: await status(dispatcher) } });
      },
      watchElsewhere: async () => {
        await worker.waitForSelector('[data-testid=incoming]', { state: 'hidden', timeout: 30000 });
        await worker.waitForSelector('[data-testid=call-status][data-state=ended]', { timeout: 15000 });
        say({ stopped: await status(worker) });
      },
      dispatcherHears: async () => {
        const heard = await until('audio at the dispatcher', async () => {
          const r = await received(dispatcher); r.ok = r.audioPackets > 50; return r;
        }, 30000);
        say({ heard: { ...heard, dispatcher: await status(dispatcher) } });
      },
      hangUp: async () => {
        await hangUp(dispatcher);
        if (workerConnected) await worker.waitForSelector('[data-testid=call-status][data-state=ended]', { timeout: 15000 });
        say({ ended: { dispatcher: await status(dispatcher), worker: await status(worker) } });
      },
    };
  });
})();
