import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';

/** Debian's chromium. WAYMARK_E2E_CHROMIUM overrides it (e.g. to check the skip path). */
export const CHROMIUM = process.env.WAYMARK_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** From notes/stack.md: what Debian's chromium needs to run headless on these machines. */
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = path.resolve(__dirname, '..', '..', '..', 'test-artifacts');

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** A browser with a fresh, throwaway profile, so no test sees another's storage. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(
  width = 1280,
  height = 800,
  device: {
    deviceScaleFactor?: number;
    hasTouch?: boolean;
    isMobile?: boolean;
    /** The browser's language (default en-GB). */
    locale?: string;
  } = {},
): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
    viewport: { width, height },
    locale: 'en-GB',
    ...device,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** The parts of a Direct Line activity the tests look at. */
export interface SeenActivity {
  type: string;
  text?: string;
  from?: { role?: string };
  suggestedActions?: { actions?: { title?: string }[] };
  attachments?: { contentType?: string }[];
  channelData?: {
    signpost?: { urgency?: string; step?: string; services?: string[] };
  };
}

/**
 * Watches the network traffic of the widget (black box): the token it was issued and every
 * activity that Web Chat polled from the server.
 */
export class ChatWatcher {
  token: string | undefined;
  conversationId: string | undefined;
  domain: string | undefined;
  readonly activities: SeenActivity[] = [];
  /** The text of every message the page posted to the server. */
  readonly posted: string[] = [];

  /** How many times the page opened the Direct Line WebSocket stream. */
  streamsOpened = 0;

  constructor(page: Page) {
    page.on('response', (response) => void this.record(response));
    // Replies arrive over the Direct Line WebSocket stream (or by polling, recorded above).
    page.on('websocket', (socket) => {
      if (!/\/conversations\/[^/]+\/stream/.test(socket.url())) return;
      this.streamsOpened += 1;
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' || payload === '') return;
        try {
          const body = JSON.parse(payload) as { activities?: SeenActivity[] };
          this.activities.push(...(body.activities ?? []));
        } catch {
          // Not JSON: not an activity set.
        }
      });
    });
    page.on('request', (request) => {
      if (
        request.method() !== 'POST' ||
        !/\/conversations\/[^/]+\/activities$/.test(request.url())
      ) {
        return;
      }
      try {
        const activity = request.postDataJSON() as { type?: string; text?: string } | null;
        if (activity?.type === 'message') this.posted.push(activity.text ?? '');
      } catch {
        // Not JSON: not a message.
      }
    });
  }

  /** The bot's activities, without typing indicators (sent only while a turn is slow). */
  get botActivities(): SeenActivity[] {
    return this.activities.filter(
      (activity) => activity.from?.role === 'bot' && activity.type !== 'typing',
    );
  }

  /** How many typing activities the bot sent. */
  get typingCount(): number {
    return this.activities.filter((a) => a.from?.role === 'bot' && a.type === 'typing').length;
  }

  /** Waits until a bot activity matches; fails with `description` after `timeoutMs`. */
  async waitForBot(
    description: string,
    predicate: (activity: SeenActivity) => boolean,
    timeoutMs = 15000,
  ): Promise<SeenActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.botActivities.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const steps = this.botActivities.map((a) => a.channelData?.signpost?.step).join(', ');
        throw new Error(`No bot activity: ${description} (bot steps seen: ${steps || 'none'})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits for the count of bot activities to pass `count`, and returns the newest one. */
  async waitForBotCountAbove(count: number, timeoutMs = 15000): Promise<SeenActivity> {
    return this.waitForBot(
      `more than ${count} replies`,
      () => this.botActivities.length > count,
      timeoutMs,
    ).then(() => this.botActivities[this.botActivities.length - 1] as SeenActivity);
  }

  private async record(response: Response): Promise<void> {
    const url = new URL(response.url());
    try {
      if (url.pathname === '/api/webchat/token' && response.ok()) {
        const body = (await response.json()) as {
          token: string;
          conversationId: string;
          domain: string;
        };
        this.token = body.token;
        this.conversationId = body.conversationId;
        this.domain = body.domain;
      } else if (
        response.request().method() === 'GET' &&
        /\/conversations\/[^/]+\/activities$/.test(url.pathname) &&
        response.ok()
      ) {
        const body = (await response.json()) as { activities?: SeenActivity[] };
        this.activities.push(...(body.activities ?? []));
      }
    } catch {
      // The page navigated away before the body could be read.
    }
  }
}

/**
 * Polls the conversation the way Web Chat does, with the widget's own token, and returns
 * the HTTP status. After a quick exit this must no longer be 200.
 */
export async function pollStatus(watcher: ChatWatcher): Promise<number> {
  if (!watcher.token || !watcher.conversationId || !watcher.domain) {
    throw new Error('The widget was never issued a token');
  }
  const url = `${watcher.domain}/conversations/${encodeURIComponent(watcher.conversationId)}/activities`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${watcher.token}` } });
  await response.arrayBuffer();
  return response.status;
}

/** Polls until the conversation can no longer be read, or gives up and returns 200. */
export async function waitUntilConversationGone(
  watcher: ChatWatcher,
  timeoutMs = 10000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await pollStatus(watcher);
    if (status !== 200 || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Everything the browser holds for any origin: web storage, cookies and IndexedDB. */
export async function browserStorage(page: Page): Promise<{
  localStorage: number;
  sessionStorage: number;
  documentCookie: string;
  indexedDb: string[];
}> {
  return page.evaluate(async () => {
    const databases = indexedDB.databases ? await indexedDB.databases() : [];
    return {
      localStorage: window.localStorage.length,
      sessionStorage: window.sessionStorage.length,
      documentCookie: document.cookie,
      indexedDb: databases.map((database) => database.name ?? ''),
    };
  });
}

/** Opens the widget with the launcher and waits for Web Chat's send box. */
export async function openWidget(page: Page): Promise<void> {
  await page.locator('[data-waymark="launcher"]').click();
  await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 30000 });
}

/** Types a message into Web Chat and sends it with Enter. */
export async function sendText(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}

/** Clicks the suggested action (Web Chat's choice button) with this exact label. */
export async function clickChoice(page: Page, title: string): Promise<void> {
  await page
    .locator('.webchat__suggested-actions .webchat__suggested-action')
    .filter({ hasText: new RegExp(`^${escapeRegExp(title)}$`) })
    .click();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
