import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocket, WebSocketServer } from 'ws';
import { launchBrowser, openWidget } from '../test/e2e/support/browser.js';
import { startBot, type RunningBot } from '../test/e2e/support/servers.js';
import { ms, summarise } from './stats.js';

/** Bot bubbles in the transcript (the person's own are left out). */
const BOT_BUBBLES = '.webchat__bubble:not(.webchat__bubble--from-user)';

/**
 * Run in the page before anything else: Web Chat's createDirectLine is given webSocket:
 * false. (A string, because the bench's transpiler adds helpers to functions that do not
 * exist in the page. Removing window.WebSocket instead breaks Web Chat itself.)
 */
const POLLING_ONLY = `(() => {
  let webChat;
  Object.defineProperty(window, 'WebChat', {
    configurable: true,
    get() { return webChat; },
    set(value) {
      const create = value.createDirectLine;
      webChat = { ...value, createDirectLine: (options) => create({ ...options, webSocket: false }) };
    },
  });
})();`;

/**
 * `npm run bench`, the web chat: figures for issue 9, each beside a baseline from the same
 * run. Targets: median send → reply shown in Chromium on loopback ≤ 150 ms (polling was
 * about 0.55 s); WebSocket delivery throughput at 100 clients; memory per open socket; the
 * first open on a throttled phone profile.
 */
export async function benchWebChat(): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  // Hundreds of chats from one address: well over the per-address token limit.
  const bot = await startBot('http://127.0.0.1:9/weather', { WEBCHAT_TOKENS_PER_MINUTE: '100000' });
  try {
    const polling = await replyLatency(bot, false);
    const stream = await replyLatency(bot, true);
    figures['send → reply shown, WebSocket (median, p99)'] =
      `${ms(stream.median)}, ${ms(stream.p99)} over ${stream.count} messages (target median ≤ 150 ms)`;
    figures['send → reply shown, polling baseline (median, p99)'] =
      `${ms(polling.median)}, ${ms(polling.p99)} over ${polling.count} messages`;
    Object.assign(figures, await throughput(bot));
    Object.assign(figures, await memoryPerSocket(bot));
    Object.assign(figures, await firstOpen(bot));
  } finally {
    await bot.close();
  }
  return figures;
}

/**
 * Types a message and times until the bot's reply is on screen, measured inside the page.
 * Without WebSocket (POLLING_ONLY), Web Chat polls once a second.
 */
async function replyLatency(bot: RunningBot, webSocket: boolean) {
  const browser = await launchBrowser(1280, 800);
  try {
    const { page } = browser;
    if (!webSocket) {
      await page.addInitScript(POLLING_ONLY);
    }
    await page.goto(`${bot.baseUrl}/`);
    await openWidget(page);
    await page.locator(BOT_BUBBLES).first().waitFor();
    await page.waitForTimeout(1500);
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    const samples: number[] = [];
    for (let i = 0; i < 16; i += 1) {
      await input.fill('not sure');
      const before = await page.locator(BOT_BUBBLES).count();
      await page.evaluate((count) => {
        const w = window as unknown as { benchStart: number; benchShown: Promise<number> };
        w.benchShown = new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (
              document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user)')
                .length > count
            ) {
              observer.disconnect();
              resolve(performance.now());
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
        w.benchStart = performance.now();
      }, before);
      await input.press('Enter');
      const elapsed = await page.evaluate(async () => {
        const w = window as unknown as { benchStart: number; benchShown: Promise<number> };
        return (await w.benchShown) - w.benchStart;
      });
      if (i >= 2) samples.push(elapsed);
      // Stay well under the flood limit (20 messages in 10 s), and send at a random point of
      // the polling cycle: a fixed gap locked every send to one phase of the 1 s poll.
      await page.waitForTimeout(700 + Math.random() * 1000);
    }
    return summarise(samples);
  } finally {
    await browser.close();
  }
}

/** Starts a conversation as the widget does and gives its token and stream URL. */
async function startConversation(bot: RunningBot) {
  const issued = (await (
    await fetch(`${bot.baseUrl}/api/webchat/token`, { method: 'POST' })
  ).json()) as { token: string; conversationId: string };
  const started = (await (
    await fetch(`${bot.baseUrl}/v3/directline/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${issued.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    })
  ).json()) as { streamUrl: string };
  return { ...issued, streamUrl: started.streamUrl };
}

/** Opens a stream socket from one of several loopback addresses (64 sockets per address). */
function openSocket(url: string, index: number, onMessage: (data: string) => void) {
  const localAddress = `127.0.${1 + Math.floor(index / 60)}.${1 + (index % 60)}`;
  const socket = new WebSocket(url, { localAddress });
  socket.on('message', (data: Buffer) => onMessage(data.toString('utf8')));
  return new Promise<WebSocket>((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * 100 clients each send 5 messages; replies counted as they arrive over their sockets.
 * Baseline: a bare `ws` server pushing the same number of same-sized messages.
 */
async function throughput(bot: RunningBot): Promise<Record<string, string>> {
  const clients = 100;
  const each = 5;
  const conversations = await Promise.all(
    Array.from({ length: clients }, () => startConversation(bot)),
  );
  let delivered = 0;
  let bytes = 0;
  const sockets = await Promise.all(
    conversations.map((conversation, index) =>
      openSocket(conversation.streamUrl, index, (data) => {
        if (!data) return;
        const set = JSON.parse(data) as {
          activities: { type?: string; from?: { role?: string } }[];
        };
        for (const activity of set.activities) {
          if (activity.from?.role === 'bot' && activity.type === 'message') {
            delivered += 1;
            bytes += data.length;
          }
        }
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  delivered = 0;
  bytes = 0;
  const start = performance.now();
  await Promise.all(
    conversations.map(async (conversation) => {
      for (let i = 0; i < each; i += 1) {
        await fetch(
          `${bot.baseUrl}/v3/directline/conversations/${conversation.conversationId}/activities`,
          {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${conversation.token}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({ type: 'message', text: 'not sure', from: { id: 'u' } }),
          },
        );
      }
    }),
  );
  while (delivered < clients * each) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - start) / 1000;
  for (const socket of sockets) socket.close();
  const size = Math.round(bytes / Math.max(1, delivered));

  // Baseline: the same deliveries from a bare ws server, with nothing behind them.
  const bare = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => bare.once('listening', resolve));
  const port = (bare.address() as AddressInfo).port;
  let received = 0;
  const bareSockets = await Promise.all(
    Array.from({ length: clients }, (_, index) =>
      openSocket(`ws://127.0.0.1:${port}/`, index, () => {
        received += 1;
      }),
    ),
  );
  const payload = 'x'.repeat(size);
  const bareStart = performance.now();
  for (const socket of bare.clients) for (let i = 0; i < each; i += 1) socket.send(payload);
  while (received < clients * each) await new Promise((resolve) => setTimeout(resolve, 5));
  const bareSeconds = (performance.now() - bareStart) / 1000;
  for (const socket of bareSockets) socket.close();
  bare.close();
  return {
    'WebSocket delivery, 100 clients × 5 turns': `${Math.round((clients * each) / seconds)} replies/s (${clients * each} whole turns, each posted over HTTP and answered over its socket; ~${size} B each)`,
    'baseline (bare ws server pushing the same messages)': `${Math.round((clients * each) / bareSeconds)} messages/s`,
  };
}

/** Heap and RSS growth per open socket (clients in the same process), beside bare ws. */
async function memoryPerSocket(bot: RunningBot): Promise<Record<string, string>> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const count = 1000;
  const settle = async () => {
    for (let i = 0; i < 3; i += 1) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const measure = async (open: () => Promise<WebSocket[]>) => {
    await settle();
    const before = process.memoryUsage();
    const sockets = await open();
    await settle();
    const after = process.memoryUsage();
    // Closed for good before the next measurement starts, so it is not charged for these.
    await Promise.all(
      sockets.map((socket) => {
        const closed = new Promise((resolve) => socket.once('close', resolve));
        socket.close();
        return closed;
      }),
    );
    return {
      heap: (after.heapUsed + after.external - before.heapUsed - before.external) / count,
      rss: (after.rss - before.rss) / count,
    };
  };
  const conversations = await Promise.all(
    Array.from({ length: count }, () => startConversation(bot)),
  );
  const app = await measure(() =>
    Promise.all(conversations.map((c, index) => openSocket(c.streamUrl, index, () => undefined))),
  );
  const bare = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => bare.once('listening', resolve));
  const port = (bare.address() as AddressInfo).port;
  const baseline = await measure(() =>
    Promise.all(
      Array.from({ length: count }, (_, index) =>
        openSocket(`ws://127.0.0.1:${port}/`, index, () => undefined),
      ),
    ),
  );
  bare.close();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return {
    [`memory per open socket (${count}, server and client in this process)`]: `heap+external ${kb(app.heap)}, RSS ${kb(app.rss)}`,
    'baseline (bare ws server, same clients)': `heap+external ${kb(baseline.heap)}, RSS ${kb(baseline.rss)}`,
  };
}

/**
 * The first open on a throttled phone profile (CDP: 150 ms latency, 1.6 Mbit/s down,
 * 750 kbit/s up, CPU slowed 4×, 390 × 844), from tapping the launcher to the greeting on
 * screen, with an empty cache; then a second open after a reload; beside the same first
 * open unthrottled.
 */
async function firstOpen(bot: RunningBot): Promise<Record<string, string>> {
  const timeOpen = async (throttle: boolean) => {
    const browser = await launchBrowser(390, 844);
    try {
      const { page } = browser;
      if (throttle) {
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: 150,
          downloadThroughput: (1.6 * 1024 * 1024) / 8,
          uploadThroughput: (750 * 1024) / 8,
        });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      }
      const once = async () => {
        await page.goto(`${bot.baseUrl}/`);
        await page.locator('[data-waymark="launcher"]').waitFor();
        const start = performance.now();
        await openWidget(page);
        await page.locator(BOT_BUBBLES).first().waitFor({ timeout: 120000 });
        return performance.now() - start;
      };
      const first = await once();
      const second = await once();
      return { first, second };
    } finally {
      await browser.close();
    }
  };
  const plain = await timeOpen(false);
  const slow = await timeOpen(true);
  return {
    'first open, throttled slow 4G + 4× CPU (tap → greeting shown)': `${ms(slow.first)}; after a reload ${ms(slow.second)}`,
    'baseline: first open unthrottled': `${ms(plain.first)}; after a reload ${ms(plain.second)}`,
  };
}
