// Opens the real web client (clients/web) of a gateway process in headless Chromium (inside a network
// namespace, through a wrapper), logs in, presses "测试摄像头和麦克风" and waits for the page's verdict.
// argv: <playwright-core folder> <chromium wrapper> <origin> <login> <password>
// stdout: {"result": {...}} or {"error": "..."}
const { launch } = require('./chromium-common');
const [origin, login, password] = process.argv.slice(4);
const say = o => process.stdout.write(JSON.stringify(o) + '\n');

(async () => {
  const browser = await launch([`--unsafely-treat-insecure-origin-as-secure=${origin}`]);
  try {
    const page = await browser.newPage();
    await page.goto(origin + '/');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', password);
    await page.click('#login button[type=submit]');
    await page.waitForSelector('#echoTest:not([hidden])', { timeout: 30000 });
    const label = (await page.textContent('#echoTest')).trim();
    await page.click('#echoTest');
    await page.waitForFunction(() => ['ok', 'failed'].includes(window.echoTest.state), null, { timeout: 60000 });
    say({ result: {
      label,
      state: await page.evaluate(() => window.echoTest.state),
      error: await page.evaluate(() => window.echoTest.error),
      status: (await page.textContent('#echoStatus')).trim(),
    } });
  } catch (e) {
    say({ error: String(e && e.stack || e) });
  } finally {
    await browser.close();
    process.exit(0);
  }
})();
