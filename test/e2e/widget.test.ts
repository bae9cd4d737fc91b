import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import {
  browserStorage,
  ChatWatcher,
  chromiumAvailable,
  clickChoice,
  CHROMIUM,
  launchBrowser,
  openWidget,
  pollStatus,
  screenshot,
  sendText,
  waitUntilConversationGone,
  type SeenActivity,
  type TestBrowser,
} from './support/browser.js';
import { NetworkCut } from './support/networkCut.js';
import { NeutralSite, startBot, type RunningBot } from './support/servers.js';

const TRANSCRIPT = '.webchat__basic-transcript';
const SEND_BOX = '[data-id="webchat-sendbox-input"]';

describe('web widget in a real browser (chromium)', function () {
  this.timeout(90000);

  let bot: RunningBot;
  let neutral: NeutralSite;
  let browser: TestBrowser | undefined;

  before(async function () {
    if (!chromiumAvailable()) {
      console.warn(`skipping browser tests: chromium not found at ${CHROMIUM}`);
      this.skip();
    }
    neutral = new NeutralSite();
    await neutral.start();
    bot = await startBot(neutral.url);
  });

  after(async () => {
    await bot?.close();
    await neutral?.stop();
  });

  afterEach(async () => {
    neutral?.release();
    await browser?.close();
    browser = undefined;
  });

  /** Opens the demo page in a fresh browser, watching its traffic and its errors. */
  async function openDemo(width = 1280, height = 800, locale = 'en-GB') {
    browser = await launchBrowser(width, height, { locale });
    const page = browser.page;
    const watcher = new ChatWatcher(page);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) {
        problems.push(`console: ${message.text()}`);
      }
    });
    await page.goto(`${bot.baseUrl}/`);
    return { page, watcher, problems };
  }

  /** How many transcript bubbles show `text` (compared as plain words: Web Chat renders
   * markdown and curly quotes). */
  async function bubblesWith(page: Page, text: string): Promise<number> {
    // (No named helper functions inside evaluate: the test runner's transpiler renames them.)
    const expected = text.replace(/[^a-z0-9]+/gi, ' ').trim();
    return page.evaluate(
      (wanted) =>
        Array.from(document.querySelectorAll('.webchat__bubble__content')).filter((bubble) =>
          (bubble as HTMLElement).innerText.replace(/[^a-z0-9]+/gi, ' ').includes(wanted),
        ).length,
      expected,
    );
  }

  /** Waits until at least `count` bubbles show `text`. */
  async function waitForBubbles(page: Page, text: string, count: number): Promise<void> {
    const deadline = Date.now() + 60000;
    while ((await bubblesWith(page, text)) < count) {
      if (Date.now() > deadline) throw new Error(`"${text}" was never shown`);
      await page.waitForTimeout(200);
    }
  }

  async function transcriptText(page: Page): Promise<string> {
    return page.locator(TRANSCRIPT).innerText();
  }

  /** Answers questions (a button first, then typing) until the bot signposts a service. */
  async function answerUntilSignpost(page: Page, watcher: ChatWatcher): Promise<SeenActivity> {
    const isSignpost = (a: SeenActivity) => (a.channelData?.signpost?.services?.length ?? 0) > 0;
    let round = 0;
    while (!watcher.botActivities.some(isSignpost)) {
      round += 1;
      if (round > 12) throw new Error('No signpost after 12 answers');
      const before = watcher.botActivities.length;
      const latest = watcher.botActivities[before - 1];
      const firstChoice = latest?.suggestedActions?.actions?.[0]?.title;
      if (firstChoice && round !== 2) {
        await clickChoice(page, firstChoice);
      } else {
        // Round 2 always types, so both ways of answering are covered.
        await sendText(page, firstChoice ?? 'not sure');
      }
      await watcher.waitForBotCountAbove(before);
      // Let any further activities of the same turn arrive.
      await page.waitForTimeout(300);
    }
    return watcher.botActivities.find(isSignpost) as SeenActivity;
  }

  it('shows the greeting, with 999, before the person types anything', async () => {
    // A US browser: the chat's times must still read the British way.
    const { page, watcher, problems } = await openDemo(1280, 800, 'en-US');
    await screenshot(page, 'demo-closed-1280');
    expect(await page.locator('[data-waymark="quick-exit"]').isVisible()).to.equal(true);
    // As GOV.UK's "Exit this page": screen readers hear "Emergency" first.
    expect(await page.getByRole('button', { name: 'Emergency: Leave this site' }).count()).to.equal(
      1,
    );

    await openWidget(page);
    const greeting = await watcher.waitForBot('a greeting', () => true);
    expect(greeting.channelData?.signpost?.urgency, 'signpost on the greeting').to.be.a('string');
    await page.locator(TRANSCRIPT).getByText('999').first().waitFor();
    expect(await transcriptText(page)).to.contain('999');
    expect(
      watcher.activities.filter((activity) => activity.from?.role !== 'bot'),
      'nothing sent by the person',
    ).to.deep.equal([]);
    await page.waitForTimeout(500);
    await screenshot(page, 'greeting-1280');

    // Without PUBLIC_URL the bot's links name localhost; the widget points them at the bot
    // host it came from, in the greeting and in the footer.
    const privacyLinks = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLAnchorElement>('[data-waymark="panel"] a'))
        .filter((link) => /privacy/i.test(link.textContent ?? ''))
        .map((link) => link.href),
    );
    expect(privacyLinks.length, 'in the greeting and the footer').to.be.at.least(2);
    for (const href of privacyLinks) expect(href).to.equal(`${bot.baseUrl}/privacy`);

    // Times in British English, for screen readers too: "Sent 2 December at 14:05".
    const spoken = (await page.locator(TRANSCRIPT).textContent()) ?? '';
    expect(spoken).to.match(/Sent \d{1,2} [A-Z][a-z]+ at \d{2}:\d{2}/);
    expect(spoken, 'no US dates or 12-hour times').to.not.match(/\b[AP]M\b|[A-Z][a-z]+ \d{1,2} at/);

    // Nothing of the widget is printed (GOV.UK's "Exit this page" is hidden in print too).
    await page.emulateMedia({ media: 'print' });
    for (const part of ['quick-exit', 'panel']) {
      expect(await page.locator(`[data-waymark="${part}"]`).isVisible(), part).to.equal(false);
    }
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('[data-waymark="panel"]').isVisible()).to.equal(true);
    expect(problems).to.deep.equal([]);
  });

  for (const width of [1280, 360]) {
    it(`reaches a signpost by button and by typing, with call and website buttons (${width} px)`, async () => {
      const { page, watcher, problems } = await openDemo(width, width === 360 ? 740 : 800);
      if (width === 360) await screenshot(page, 'demo-closed-360');
      await openWidget(page);
      await watcher.waitForBot('a first question', (a) => Boolean(a.suggestedActions));
      await page.waitForTimeout(500);
      if (width === 360) await screenshot(page, 'greeting-360');

      const signpost = await answerUntilSignpost(page, watcher);
      expect(signpost.channelData?.signpost?.services).to.have.length.greaterThan(0);
      const sentByPerson = watcher.activities.filter((a) => a.from?.role !== 'bot');
      expect(sentByPerson.length, 'answers echoed back').to.be.greaterThan(1);

      // The service card: Web Chat renders it with buttons the person can use.
      const card = page.locator(`${TRANSCRIPT} .ac-adaptiveCard`).last();
      await card.waitFor();
      expect(await card.locator('button, a').count()).to.be.greaterThan(0);
      expect(await transcriptText(page)).to.contain('999');
      await page.waitForTimeout(500);
      await screenshot(page, `signpost-${width}`);

      // Nothing on the widget is wider than the screen.
      const overflow = await page.evaluate(() => {
        const panel = document.querySelector('[data-waymark="panel"]') as HTMLElement;
        return { panel: panel.getBoundingClientRect().right, viewport: window.innerWidth };
      });
      expect(overflow.panel).to.be.at.most(overflow.viewport);
      expect(problems).to.deep.equal([]);
    });
  }

  it('shows the emergency reply when danger words come mid-conversation', async () => {
    const { page, watcher } = await openDemo(360, 740);
    await openWidget(page);
    const first = await watcher.waitForBot('a first question', (a) => Boolean(a.suggestedActions));
    const choice = first.suggestedActions?.actions?.[0]?.title as string;
    const before = watcher.botActivities.length;
    await clickChoice(page, choice);
    await watcher.waitForBotCountAbove(before);

    await sendText(page, 'he has a knife');
    const emergency = await watcher.waitForBot(
      'an emergency reply',
      (a) => a.channelData?.signpost?.urgency === 'emergency',
    );
    expect(emergency.text).to.contain('999');
    // The reply is on screen (compared as plain words: Web Chat renders markdown and quotes).
    const words = (text: string) => text.replace(/[^a-z0-9]+/gi, ' ').trim();
    const firstLine = words((emergency.text ?? '').split('\n')[0] ?? '');
    await page.waitForFunction(
      ([selector, expected]) => {
        const shown = (document.querySelector(selector) as HTMLElement | null)?.innerText ?? '';
        return shown.replace(/[^a-z0-9]+/gi, ' ').includes(expected);
      },
      [TRANSCRIPT, firstLine] as const,
    );
    await page.waitForTimeout(500);
    await screenshot(page, 'emergency-360');
  });

  it('recovers after 5 s offline: an emergency message then gets its reply, shown once', async () => {
    const network = new NetworkCut(new URL(bot.baseUrl));
    await network.start();
    try {
      browser = await launchBrowser(390, 844);
      const page = browser.page;
      const watcher = new ChatWatcher(page);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${network.baseUrl}/`);
      await openWidget(page);
      await watcher.waitForBot('a first question', (a) => Boolean(a.suggestedActions));
      expect(watcher.streamsOpened, 'replies come over the WebSocket stream').to.equal(1);
      const notice = page.locator('[data-waymark="connection"]');

      // The network drops for 5 seconds; the widget says so plainly, with 999.
      network.cut();
      await browser.context.setOffline(true);
      await notice.filter({ hasText: 'offline' }).waitFor();
      expect(await notice.innerText()).to.contain('999');
      await screenshot(page, 'offline-390');
      await page.waitForTimeout(5000);
      await browser.context.setOffline(false);
      network.restore();

      await sendText(page, 'he has a knife');
      const emergency = await watcher.waitForBot(
        'the emergency reply, after the drop',
        (a) => a.channelData?.signpost?.urgency === 'emergency',
        60000,
      );
      // The whole reply (its first line alone is in the greeting too).
      const firstLine = emergency.text ?? '';
      await waitForBubbles(page, firstLine, 1);
      // It reconnected with its watermark: nothing shown twice, nothing lost.
      expect(watcher.streamsOpened, 'a new stream after the drop').to.be.greaterThan(1);
      expect(await bubblesWith(page, firstLine), 'the emergency reply once').to.equal(1);
      const question = watcher.botActivities.find((a) => a.suggestedActions)?.text ?? '';
      expect(await bubblesWith(page, question.split('\n')[0] ?? ''), 'the question once').to.equal(
        1,
      );
      // ...and says so honestly once the line is back.
      await page
        .locator('[data-waymark="connection"][data-state="connected"]')
        .waitFor({ state: 'attached' });
      expect(problems).to.deep.equal([]);
    } finally {
      await network.stop();
    }
  });

  it("quick exit closes the tabs the widget opened and ends the chat in the site's other tabs", async () => {
    const { page, watcher } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);
    const context = browser?.context;
    if (!context) throw new Error('no browser');

    // "Staying safe online" opens in a tab the widget opened itself.
    const opened = context.waitForEvent('page');
    await page
      .locator('[data-waymark="panel"] .wm-footer a', { hasText: 'Staying safe online' })
      .click();
    const advice = await opened;
    await advice.waitForURL(/staying-safe-online/);
    // A second tab of the site, with its own chat open.
    const second = await context.newPage();
    const secondWatcher = new ChatWatcher(second);
    await second.goto(`${bot.baseUrl}/`);
    await openWidget(second);
    await secondWatcher.waitForBot('a greeting', () => true);

    const closed = new Promise<void>((resolve) => advice.once('close', () => resolve()));
    await page.bringToFront();
    await page.locator('[data-waymark="quick-exit"]').click();
    await page.waitForURL(neutral.url);
    await closed;
    await second.waitForURL(neutral.url);
    expect(await waitUntilConversationGone(secondWatcher)).to.be.oneOf([403, 404]);
  });

  it('Shift pressed three times lands on the neutral page and ends the conversation', async () => {
    const { page, watcher, problems } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);
    expect(await pollStatus(watcher), 'conversation readable before the exit').to.equal(200);

    await page.locator(SEND_BOX).focus();
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.locator('[data-waymark="announcer"]', { hasText: '1 more time' }).waitFor({
      state: 'attached',
    });
    expect(await page.locator('[data-waymark="quick-exit"] .wm-exit-dot.wm-on').count()).to.equal(
      2,
    );
    await screenshot(page, 'shift-pressed-twice-1280');
    await page.keyboard.press('Shift');

    await page.waitForURL(neutral.url);
    expect(await page.title()).to.equal(neutral.title);
    expect(await waitUntilConversationGone(watcher)).to.be.oneOf([403, 404]);
    expect(problems, 'no error on the page as it left').to.deep.equal([]);
  });

  it('Shift used for capital letters does not count towards an exit', async () => {
    const { page, watcher } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);
    await page.locator(SEND_BOX).focus();
    for (const key of ['KeyH', 'KeyI', 'KeyT']) {
      await page.keyboard.down('Shift');
      await page.keyboard.press(key);
      await page.keyboard.up('Shift');
    }
    expect(await page.locator(SEND_BOX).inputValue()).to.equal('HIT');
    await page.waitForTimeout(300);
    expect(page.url()).to.equal(`${bot.baseUrl}/`);
    expect(await pollStatus(watcher)).to.equal(200);
  });

  it('typing "exit" lands on the neutral page and ends the conversation', async () => {
    const { page, watcher, problems } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);
    expect(await pollStatus(watcher)).to.equal(200);

    await sendText(page, '  Exit! ');
    await page.waitForURL(neutral.url);
    expect(await page.title()).to.equal(neutral.title);
    expect(await waitUntilConversationGone(watcher)).to.be.oneOf([403, 404]);
    // The widget knew the word itself: it left at once, without posting it.
    expect(watcher.posted).to.deep.equal([]);
    expect(problems, 'no error on the page as it left').to.deep.equal([]);
  });

  it('leaves at once on "exit please", matched as the bot matches it, without sending it', async () => {
    const { page, watcher } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);

    await sendText(page, 'Exit please.');
    await page.waitForURL(neutral.url);
    expect(watcher.posted, "the widget knew it, with the bot's own normaliser").to.deep.equal([]);
    expect(await waitUntilConversationGone(watcher)).to.be.oneOf([403, 404]);
  });

  /** Waits for the calm "ended" notice in the panel, and checks the page stayed. */
  async function expectEndedHere(page: Page, watcher: ChatWatcher, wording: string) {
    const notice = page.locator('[data-waymark="chat"]', { hasText: wording });
    await notice.waitFor();
    expect(await notice.innerText()).to.contain('999');
    expect(page.url(), 'the page stays').to.equal(`${bot.baseUrl}/`);
    expect(await waitUntilConversationGone(watcher)).to.be.oneOf([403, 404]);
    expect(neutral.visits, 'the neutral site was never asked for').to.equal(0);
  }

  it('"End chat" under a signpost ends and forgets the chat, and keeps the page', async () => {
    neutral.visits = 0;
    const { page, watcher } = await openDemo(390, 844);
    await openWidget(page);
    await watcher.waitForBot('a first question', (a) => Boolean(a.suggestedActions));
    const signpost = await answerUntilSignpost(page, watcher);
    const last = watcher.botActivities[watcher.botActivities.length - 1];
    const labels = (last?.suggestedActions?.actions ?? []).map((action) => action.title);
    expect(
      labels,
      `choices after the signpost (${signpost.channelData?.signpost?.step})`,
    ).to.include('End chat');
    // A service card's "Call" button dials from this tab: a tel: link is followed here, and
    // no tab opens.
    const card = page.locator(`${TRANSCRIPT} .ac-adaptiveCard`).last();
    const callButton = card.locator('button', { hasText: /^Call /i }).first();
    expect(await callButton.count(), 'a Call button on the service card').to.equal(1);
    {
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { followed: string[] }).followed = seen;
        document.addEventListener(
          'click',
          (event) => {
            const link = (event.target as Element).closest('a');
            if (link?.href.startsWith('tel:')) {
              seen.push(`${link.href} ${link.target || '_self'}`);
              event.preventDefault();
            }
          },
          true,
        );
      });
      const popups: string[] = [];
      browser?.context.on('page', (opened) => popups.push(opened.url()));
      await callButton.click();
      const followed = await page.evaluate(
        () => (window as unknown as { followed: string[] }).followed,
      );
      expect(followed).to.have.length(1);
      expect(followed[0]).to.match(/^tel:\d+ _self$/);
      expect(popups).to.deep.equal([]);
    }
    await clickChoice(page, 'End chat');
    await expectEndedHere(page, watcher, 'You ended this chat');
    await screenshot(page, 'ended-390');
  });

  it('whole-message "leave", "stop", "end" and "close" end the chat but do not leave the site', async () => {
    neutral.visits = 0;
    const { page, watcher, problems } = await openDemo();
    await openWidget(page);
    for (const word of ['leave', 'stop', 'end', 'close']) {
      await watcher.waitForBot('a greeting', () => true);
      watcher.posted.length = 0;
      await sendText(page, word);
      await expectEndedHere(page, watcher, 'You ended this chat');
      expect(watcher.posted, `"${word}" went to the bot`).to.deep.equal([word]);
      watcher.activities.length = 0;
      await page.getByRole('button', { name: 'Start a new chat' }).click();
      await page.locator(SEND_BOX).waitFor();
    }
    // Each end used to overflow the stack ("Maximum call stack size exceeded").
    expect(problems, 'no uncaught error on the page').to.deep.equal([]);
  });

  it('the header\'s "End chat" button ends and forgets the chat, and keeps the page', async () => {
    neutral.visits = 0;
    const { page, watcher, problems } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);
    await page.locator('[data-waymark="end-chat"]').click();
    await expectEndedHere(page, watcher, 'You ended this chat');
    await screenshot(page, 'ended-1280');
    expect(
      await page.evaluate(() => document.activeElement?.textContent ?? ''),
      'focus on "Start a new chat"',
    ).to.equal('Start a new chat');
    expect(problems, 'no uncaught error on the page').to.deep.equal([]);
  });

  it('"End chat" while offline ends the chat on the server as soon as the page is back online', async () => {
    const { page, watcher, problems } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);
    const context = browser?.context;
    if (!context) throw new Error('no browser');

    await context.setOffline(true);
    await page.locator('[data-waymark="connection"][data-state="offline"]').waitFor();
    await page.locator('[data-waymark="end-chat"]').click();
    await page.locator('[data-waymark="chat"]', { hasText: 'You ended this chat' }).waitFor();
    await page.waitForTimeout(1000);
    // (Read from here, not from the offline page: the server has not heard of the end yet.)
    expect(await pollStatus(watcher), 'still readable while the end cannot be sent').to.equal(200);

    await context.setOffline(false);
    expect(await waitUntilConversationGone(watcher, 20000), 'sent again once online').to.be.oneOf([
      403, 404,
    ]);
    expect(problems).to.deep.equal([]);
  });

  it('a reload ends the chat at once, and the new chat says so plainly', async () => {
    const { page, watcher } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);
    expect(await pollStatus(watcher)).to.equal(200);

    // The old token, held by the test: after the reload it must read nothing.
    await page.reload();
    expect(await waitUntilConversationGone(watcher), 'ended as the page went').to.be.oneOf([
      403, 404,
    ]);

    await openWidget(page);
    const note = page.locator('[data-waymark="note"]');
    await note.waitFor();
    expect(await note.innerText()).to.match(/reloaded.*ended and been deleted/);
    await screenshot(page, 'after-reload-1280');
    // Once the person writes in the new chat, the note has done its job.
    await sendText(page, 'not sure');
    await note.waitFor({ state: 'hidden' });
  });

  it('says calmly, with 999, when the server ends an idle chat, and can start a new one', async () => {
    const { page, watcher } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);
    const firstToken = watcher.token;

    // As if the conversation had expired: end it on the server, not from the page.
    const ended = await fetch(`${bot.baseUrl}/api/webchat/end`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: firstToken,
    });
    expect(ended.status).to.equal(204);

    const notice = page.locator('[data-waymark="chat"]', { hasText: 'This chat has ended' });
    await notice.waitFor();
    expect(await notice.innerText()).to.contain('999');
    expect(page.url(), 'the page stays').to.equal(`${bot.baseUrl}/`);
    await screenshot(page, 'chat-ended-1280');

    const greetings = watcher.botActivities.length;
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await watcher.waitForBotCountAbove(greetings);
    expect(watcher.token).to.not.equal(firstToken);
    await page.locator(SEND_BOX).waitFor();
  });

  it('"Leave this site" blanks the page and ends the chat without waiting for the neutral site', async () => {
    const { page, watcher, problems } = await openDemo();
    await openWidget(page);
    await watcher.waitForBot('a greeting', () => true);

    neutral.hold();
    // Click, and read the page in the same breath: the quick exit runs synchronously in the
    // click handler, and once the (held) navigation is pending the old page cannot be
    // inspected any more. A plain DOM click also keeps Playwright from waiting for it.
    const [overlay, main, panel, transcript, alert] = await page.evaluate(() => {
      (document.querySelector('[data-waymark="quick-exit"]') as HTMLElement).click();
      // (No named helper functions in here: the test runner's transpiler would rename them.)
      const said = document.querySelector('[data-waymark="exit-overlay"] [role="alert"]');
      const seen: (boolean | string)[] = [
        '[data-waymark="exit-overlay"]',
        'main',
        '[data-waymark="panel"]',
        '.webchat__basic-transcript',
      ].map((selector) =>
        Array.from(document.querySelectorAll(selector)).some(
          (node) => (node as HTMLElement).getClientRects().length > 0,
        ),
      );
      return seen.concat(said?.textContent ?? '');
    });
    // Screen readers are told something is happening, as GOV.UK's overlay does.
    expect(alert, 'role=alert on the overlay').to.equal('Loading.');
    const shown = { overlay, main, panel, transcript };
    // The page is blank at once...
    expect(shown).to.deep.equal({ overlay: true, main: false, panel: false, transcript: false });
    // ...and the conversation is already gone on the server.
    expect(await waitUntilConversationGone(watcher)).to.be.oneOf([403, 404]);
    // The navigation was already under way, with the neutral site still holding its answer.
    await neutral.waitForVisits(1);
    await page.waitForTimeout(300);
    expect(problems, 'no error on the blanked page').to.deep.equal([]);

    neutral.release();
    await page.waitForURL(neutral.url);
    // The chat page was replaced in the history, so Back does not bring it back.
    await page.goBack().catch(() => undefined);
    expect(page.url()).to.not.contain(bot.baseUrl);
  });

  it('leaves nothing in localStorage, sessionStorage, cookies or IndexedDB', async () => {
    const { page, watcher } = await openDemo();
    await openWidget(page);
    const first = await watcher.waitForBot('a first question', (a) => Boolean(a.suggestedActions));
    const before = watcher.botActivities.length;
    await clickChoice(page, first.suggestedActions?.actions?.[0]?.title as string);
    await watcher.waitForBotCountAbove(before);
    await sendText(page, 'not sure');
    await watcher.waitForBotCountAbove(before + 1);

    const during = await browserStorage(page);
    expect(during).to.deep.equal({
      localStorage: 0,
      sessionStorage: 0,
      documentCookie: '',
      indexedDb: [],
    });
    expect(await browser?.context.cookies()).to.deep.equal([]);

    await sendText(page, 'exit');
    await page.waitForURL(neutral.url);
    expect(await browser?.context.cookies()).to.deep.equal([]);
    // Back on the bot's origin, nothing was left behind there either.
    await page.goto(`${bot.baseUrl}/staying-safe-online`);
    expect(await browserStorage(page)).to.deep.equal({
      localStorage: 0,
      sessionStorage: 0,
      documentCookie: '',
      indexedDb: [],
    });
  });

  it('can be used with the keyboard alone, with a visible focus', async () => {
    const { page, watcher } = await openDemo();
    const focused = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.waymark ?? '');

    // The quick exit is the first thing the keyboard reaches.
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('quick-exit');
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { outline: style.outlineStyle, shadow: style.boxShadow };
    });
    expect(ring.outline !== 'none' || ring.shadow !== 'none', 'focus is visible').to.equal(true);

    // Tab on to the launcher and open the chat with Enter.
    let presses = 0;
    while ((await focused()) !== 'launcher') {
      presses += 1;
      if (presses > 40) throw new Error('The launcher cannot be reached with Tab');
      await page.keyboard.press('Tab');
    }
    expect(await page.locator('[data-waymark="launcher"]').getAttribute('aria-expanded')).to.equal(
      'false',
    );
    await page.keyboard.press('Enter');
    await page.locator(SEND_BOX).waitFor();
    const first = await watcher.waitForBot('a first question', (a) => Boolean(a.suggestedActions));
    // Focus moves into the chat, ready to type.
    await page.waitForFunction(
      (selector) => document.activeElement === document.querySelector(selector),
      SEND_BOX,
    );

    // Choose the first answer with the keyboard: Shift+Tab back to the choices, then Enter.
    const firstChoice = first.suggestedActions?.actions?.[0]?.title as string;
    await page.keyboard.press('Shift+Tab');
    const label = await page.evaluate(() => (document.activeElement as HTMLElement).innerText);
    expect(label.trim()).to.equal(firstChoice);
    await screenshot(page, 'keyboard-focus-on-choice-1280');
    let count = watcher.botActivities.length;
    await page.keyboard.press('Enter');
    await watcher.waitForBotCountAbove(count);

    // Type an answer and send it with Enter.
    await page.locator(SEND_BOX).focus();
    count = watcher.botActivities.length;
    await page.keyboard.type('not sure');
    await page.keyboard.press('Enter');
    await watcher.waitForBotCountAbove(count);

    // Escape neither hides nor ends the chat, by choice (README): a stray key must not lose
    // someone their place. Hide, End chat and Leave this site are the ways out.
    await page.locator(SEND_BOX).focus();
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-waymark="panel"]').isVisible()).to.equal(true);
    expect(await page.locator(SEND_BOX).count()).to.equal(1);

    // Hide the chat from the keyboard; focus returns to the launcher.
    const hide = page.locator('[data-waymark="hide"]');
    await hide.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-waymark="panel"]').isVisible()).to.equal(false);
    expect(await focused()).to.equal('launcher');
  });

  /** axe-core's critical and serious violations on the page as it is now. */
  async function seriousViolations(page: Page): Promise<string[]> {
    // Injected through the DevTools protocol, so the page's own CSP still applies to it.
    if (!(await page.evaluate(() => 'axe' in window))) {
      await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    }
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe;
      const results = await axe.run();
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 3),
      }));
    });
    return violations
      .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
      .map((violation) => `${violation.impact} ${violation.id}: ${violation.targets.join(', ')}`);
  }

  for (const width of [1280, 390]) {
    it(`axe finds no critical or serious violation in any state, greeting to ended (${width} px)`, async () => {
      const { page, watcher } = await openDemo(width, width === 390 ? 844 : 800);
      const found: Record<string, string[]> = {};
      const check = async (state: string) => {
        await page.waitForTimeout(500);
        await screenshot(page, `state-${state}-${width}`);
        found[state] = await seriousViolations(page);
      };
      await openWidget(page);
      const first = await watcher.waitForBot('a first question', (a) =>
        Boolean(a.suggestedActions),
      );
      await page.locator('.webchat__suggested-action').first().waitFor();
      await check('greeting');

      const count = watcher.botActivities.length;
      await clickChoice(page, first.suggestedActions?.actions?.[0]?.title as string);
      await watcher.waitForBotCountAbove(count);
      await check('question');

      await answerUntilSignpost(page, watcher);
      await page.locator(`${TRANSCRIPT} .ac-adaptiveCard`).last().waitFor();
      await check('signpost');

      await sendText(page, 'he has a knife');
      await watcher.waitForBot(
        'the emergency reply',
        (a) => a.channelData?.signpost?.urgency === 'emergency',
      );
      await page.locator(`${TRANSCRIPT} a[href="tel:999"]`).last().waitFor();
      await check('emergency');

      await page.locator('[data-waymark="end-chat"]').click();
      await page.getByRole('button', { name: 'Start a new chat' }).waitFor();
      await check('ended');
      expect(found).to.deep.equal({
        greeting: [],
        question: [],
        signpost: [],
        emergency: [],
        ended: [],
      });
    });
  }

  for (const view of [
    { name: 'a phone with its keyboard open (390 × 514)', width: 390, height: 514, touch: true },
    { name: '200% zoom (1280 × 800 at 2×: 640 × 400)', width: 640, height: 400, touch: false },
  ]) {
    it(`keeps the question, its choices and 999 in view on ${view.name}`, async () => {
      browser = await launchBrowser(view.width, view.height, {
        deviceScaleFactor: 2,
        hasTouch: view.touch,
        isMobile: view.touch,
      });
      const page = browser.page;
      const watcher = new ChatWatcher(page);
      await page.goto(`${bot.baseUrl}/`);
      await openWidget(page);
      // Answer until a question with many choices (the "need" question has 8).
      let question = await watcher.waitForBot('a first question', (a) =>
        Boolean(a.suggestedActions),
      );
      for (let round = 0; (question.suggestedActions?.actions?.length ?? 0) < 6; round += 1) {
        if (round > 8) throw new Error('never reached a question with many choices');
        const count = watcher.botActivities.length;
        await clickChoice(page, question.suggestedActions?.actions?.[0]?.title as string);
        await watcher.waitForBotCountAbove(count);
        await page.waitForTimeout(300);
        question = watcher.botActivities.filter((a) => a.suggestedActions).at(-1) ?? question;
      }
      await page.locator('.webchat__suggested-action').first().waitFor();
      await page.waitForTimeout(800);
      await screenshot(page, `short-${view.width}x${view.height}`);
      const selectors = {
        transcript: '.webchat__basic-transcript__scrollable',
        question: '.webchat__bubble:not(.webchat__bubble--from-user)',
        danger: '[data-waymark="panel"] .wm-danger a',
        sendBox: '[data-id="webchat-sendbox-input"]',
        footer: '[data-waymark="panel"] .wm-footer',
      };
      // (No named helper functions inside evaluate: the test runner's transpiler renames them.)
      const boxes = await page.evaluate(
        (wanted) =>
          Object.fromEntries(
            Object.entries(wanted).map(([name, selector]) => {
              const found = document.querySelectorAll(selector);
              const box = found[found.length - 1]?.getBoundingClientRect();
              return [name, box ? { top: box.top, bottom: box.bottom, height: box.height } : null];
            }),
          ),
        selectors,
      );
      const checks = await page.evaluate(() => {
        const danger = document.querySelector('[data-waymark="panel"] .wm-danger a');
        const dangerBox = danger?.getBoundingClientRect();
        const choice = document.querySelector('.webchat__suggested-action');
        const choiceBox = choice?.getBoundingClientRect();
        return {
          viewport: window.innerHeight,
          dangerOnTop: dangerBox
            ? document.elementFromPoint(
                dangerBox.left + dangerBox.width / 2,
                dangerBox.top + dangerBox.height / 2,
              ) === danger
            : false,
          choiceOnTop: choiceBox
            ? Boolean(
                choice?.contains(
                  document.elementFromPoint(
                    choiceBox.left + choiceBox.width / 2,
                    choiceBox.top + Math.min(10, choiceBox.height / 2),
                  ),
                ),
              )
            : false,
          hint: document.querySelector('[data-waymark="leave-hint"]')?.textContent ?? '',
          exit: (() => {
            const box = document
              .querySelector('[data-waymark="quick-exit"]')
              ?.getBoundingClientRect();
            return box ? { left: box.left, right: box.right, width: window.innerWidth } : null;
          })(),
        };
      });
      const layout = { ...boxes, ...checks } as unknown as {
        [K in keyof typeof selectors]: { top: number; bottom: number; height: number } | null;
      } & typeof checks;
      const { transcript, question: shown, danger, sendBox, footer } = layout;
      if (!transcript || !shown || !danger || !sendBox || !footer) {
        throw new Error(`missing parts: ${JSON.stringify(layout)}`);
      }
      expect(transcript.height, 'the message area has room').to.be.greaterThan(60);
      const visible =
        Math.min(shown.bottom, transcript.bottom) - Math.max(shown.top, transcript.top);
      expect(visible, 'the question is in view').to.be.greaterThan(20);
      expect(danger.top, '999 in view').to.be.at.least(0);
      expect(danger.bottom).to.be.at.most(layout.viewport);
      expect(layout.dangerOnTop, '999 not covered').to.equal(true);
      expect(layout.choiceOnTop, 'a choice can be tapped').to.equal(true);
      expect(sendBox.bottom, 'the send box above the footer').to.be.at.most(footer.top + 1);
      expect(footer.bottom).to.be.at.most(layout.viewport + 1);
      if (view.touch) expect(layout.hint, 'no Shift on a touch keyboard').to.not.contain('Shift');
      // As GOV.UK's on mobile, the quick exit spans the width.
      expect(layout.exit?.left, 'quick exit full width').to.be.at.most(8);
      expect(layout.exit?.right).to.be.at.least((layout.exit?.width ?? 0) - 8);
    });
  }

  it("phone numbers are tel: links in this tab, the emergency reply's 999 too", async () => {
    const { page, watcher } = await openDemo(390, 844);
    await openWidget(page);
    await watcher.waitForBot('a first question', (a) => Boolean(a.suggestedActions));
    await sendText(page, 'he has a knife');
    await watcher.waitForBot(
      'the emergency reply',
      (a) => a.channelData?.signpost?.urgency === 'emergency',
    );
    const bubble = page.locator(`${TRANSCRIPT} .webchat__bubble`).last();
    const call = bubble.locator('a[href="tel:999"]').first();
    await call.waitFor();
    expect(await call.getAttribute('target'), 'no new tab').to.equal(null);
    expect(await call.innerText()).to.equal('999');

    // Tapping it dials from this tab: no tab opens and the page stays.
    const popups: string[] = [];
    browser?.context.on('page', (opened) => popups.push(opened.url()));
    await page.evaluate(() => {
      document.addEventListener('click', (event) => event.preventDefault(), { once: true });
    });
    await call.click();
    await page.waitForTimeout(500);
    expect(popups).to.deep.equal([]);
    expect(page.url()).to.equal(`${bot.baseUrl}/`);
    // The header's 999 is a real link too.
    expect(await page.locator('[data-waymark="panel"] .wm-danger a').getAttribute('href')).to.equal(
      'tel:999',
    );
  });

  it('axe-core finds no accessibility violations on the staying-safe page', async () => {
    const { page } = await openDemo();
    await page.goto(`${bot.baseUrl}/staying-safe-online`);
    await page.locator('[data-waymark="quick-exit"]').waitFor();
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe;
      return (await axe.run()).violations.map((violation) => violation.id);
    });
    expect(violations).to.deep.equal([]);
    await screenshot(page, 'staying-safe-1280');
  });
});

/** The part of axe-core's result that the tests read. */
interface AxeResults {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: string[] }[];
  }[];
}
