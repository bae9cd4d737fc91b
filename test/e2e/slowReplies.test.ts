import { expect } from 'chai';
import { azuriteConnectionString, startAzurite, type Azurite } from '../support/azurite.js';
import { startDelayingProxy, type DelayingProxy } from '../support/delayingProxy.js';
import {
  ChatWatcher,
  chromiumAvailable,
  CHROMIUM,
  launchBrowser,
  openWidget,
  screenshot,
  sendText,
  type TestBrowser,
} from './support/browser.js';
import { startBot, type RunningBot } from './support/servers.js';

const TYPING = '.webchat__typing-indicator';

describe('web widget when replies are slow (real Chromium, Azurite behind a slow link)', function () {
  this.timeout(120000);
  let azurite: Azurite | undefined;
  let proxy: DelayingProxy | undefined;
  let bot: RunningBot | undefined;
  let browser: TestBrowser | undefined;

  before(async function () {
    if (!chromiumAvailable()) {
      console.warn(`skipping browser tests: chromium not found at ${CHROMIUM}`);
      this.skip();
    }
    azurite = await startAzurite();
    // The bot reaches its store only through the proxy, so the test can make storage slow.
    proxy = await startDelayingProxy(azurite.port);
    bot = await startBot('http://127.0.0.1:9/weather', {
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(proxy.port),
      // Slow, not failing: the reply comes, just late.
      STATE_TIMEOUT_MS: '30000',
    });
  });

  after(async () => {
    await browser?.close();
    await bot?.close();
    await proxy?.close();
    await azurite?.stop();
  });

  it('shows the typing indicator while a reply takes longer than a moment, then the reply', async () => {
    if (!bot || !proxy) throw new Error('not started');
    browser = await launchBrowser(390, 844);
    const { page } = browser;
    const watcher = new ChatWatcher(page);
    await page.goto(`${bot.baseUrl}/`);
    await openWidget(page);
    await watcher.waitForBot('a first question', (a) => Boolean(a.suggestedActions), 60000);
    // Let the greeting turn's last writes finish before storage slows down.
    await page.waitForTimeout(1000);
    expect(await page.locator(TYPING).count(), 'no typing while nothing is awaited').to.equal(0);

    // Each storage call now takes about 1.5 s each way: the turn takes several seconds.
    proxy.delayMs = 1500;
    const before = watcher.botActivities.length;
    await sendText(page, 'not sure');
    await page.locator(TYPING).waitFor({ timeout: 30000 });
    await screenshot(page, 'typing-390');
    expect(watcher.typingCount, 'typing came from the bot').to.be.greaterThan(0);
    expect(watcher.botActivities.length, 'shown before the reply').to.equal(before);

    const reply = await watcher.waitForBotCountAbove(before, 60000);
    expect(reply.channelData?.signpost?.step, 'the real reply, not the fail-safe').to.not.equal(
      'fail-safe',
    );
    await page.locator(TYPING).waitFor({ state: 'detached', timeout: 15000 });
    proxy.delayMs = 0;
  });
});
