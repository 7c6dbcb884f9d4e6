// Drives the two call pages of a gateway process in headless Chromium (inside a network namespace, through a
// wrapper), one browser context each: the dispatcher calls the worker by id, the worker's page rings and answers,
// both pages must decode the other's video and audio (getStats on window.dispatchCall.pc), then the dispatcher
// hangs up and both pages must show the call ended. Repeated <rounds> times; each round also times the
// dispatcher's click to the first decoded remote video frame (performance.now() in the dispatcher's page).
// argv: <playwright-core folder> <chromium wrapper> <origin> <dispatcher login> <worker login> <worker id> <password> <rounds>
// stdout: {"result": {"rounds": [...]}} or {"error": "..."}
const { launch, say, openCallPage, received, until } = require('./chromium-common');
const [origin, dispatcherLogin, workerLogin, workerId, password, roundsText] = process.argv.slice(4);
const open = (browser, page, login) => openCallPage(browser, origin, page, login, password);

(async () => {
  const browser = await launch(['--autoplay-policy=no-user-gesture-required', `--unsafely-treat-insecure-origin-as-secure=${origin}`]);
  try {
    const worker = await open(browser, 'call-worker.html', workerLogin);
    const dispatcher = await open(browser, 'call-dispatcher.html', dispatcherLogin);
    const rounds = [];
    for (let round = 0; round < Number(roundsText); round++) {
      await dispatcher.fill('[data-testid=callee-id]', workerId);
      // The click's time and the first decoded remote frame, both on the dispatcher page's clock.
      const firstFrame = dispatcher.evaluate(() => new Promise(resolve => {
        const button = document.querySelector('[data-testid=call-by-id]');
        button.addEventListener('click', () => { window.clickAt = performance.now(); }, { capture: true, once: true });
        const poll = async () => {
          const pc = window.dispatchCall.pc;
          if (pc && window.clickAt !== undefined) {
            for (const r of (await pc.getStats()).values()) {
              if (r.type === 'inbound-rtp' && r.kind === 'video' && r.framesDecoded > 0) return resolve(performance.now() - window.clickAt);
            }
          }
          setTimeout(poll, 10);
        };
        poll();
      }));
      await dispatcher.click('[data-testid=call-by-id]');
      await worker.waitForSelector('[data-testid=incoming]:not([hidden])', { timeout: 30000 });
      const ringText = (await worker.textContent('[data-testid=incoming-caller]')).trim();
      await worker.click('[data-testid=answer]');
      const clickToFirstFrameMs = await firstFrame;
      // Both sides must decode the other's media, and keep doing so.
      const atDispatcher = await until('media at the dispatcher', async () => {
        const r = await received(dispatcher); r.ok = r.framesDecoded > 10 && r.audioPackets > 50 && r.audioEnergy > 0; return r;
      }, 30000);
      const atWorker = await until('media at the worker', async () => {
        const r = await received(worker); r.ok = r.framesDecoded > 10 && r.audioPackets > 50 && r.audioEnergy > 0; return r;
      }, 30000);
      const callId = await dispatcher.evaluate(() => window.dispatchCall.callId);
      const states = { dispatcher: await dispatcher.getAttribute('[data-testid=call-status]', 'data-state'), worker: await worker.getAttribute('[data-testid=call-status]', 'data-state') };
      await dispatcher.click('[data-testid=hang-up]');
      await dispatcher.waitForSelector('[data-testid=call-status][data-state=ended]', { timeout: 15000 });
      await worker.waitForSelector('[data-testid=call-status][data-state=ended]', { timeout: 15000 });
      rounds.push({
        callId, ringText, clickToFirstFrameMs, atDispatcher, atWorker, statesWhileConnected: states,
        outcomes: { dispatcher: await dispatcher.evaluate(() => window.dispatchCall.outcome), worker: await worker.evaluate(() => window.dispatchCall.outcome) },
        workerReason: (await worker.textContent('[data-testid=call-reason]')).trim(),
      });
    }
    say({ result: { rounds } });
  } catch (e) {
    say({ error: String(e && e.stack || e) });
  } finally {
    await browser.close();
    process.exit(0);
  }
})();
