import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createApp } from '../../../src/app.js';
import { loadSettings } from '../../../src/config/settings.js';
import { buildWidget } from '../../../widget/build.js';

const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** Waymark, listening on a free loopback port. */
export interface RunningBot {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the real Waymark server (`createApp`: the bot, the Direct Line channel and the web
 * pages) on a loopback port. Only the settings the tests need are set (`extra` adds some);
 * nothing is read from the environment or `.env`.
 */
export async function startBot(
  exitUrl: string,
  extra: Record<string, string> = {},
): Promise<RunningBot> {
  await widgetBuilt();
  const settings = loadSettings({ ...extra, PORT: '0', NODE_ENV: 'test', EXIT_URL: exitUrl });
  const app = createApp(settings, { root: projectRoot, log: () => undefined });
  const address = await app.listen(0, '127.0.0.1');
  return { baseUrl: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

let built: Promise<void> | undefined;

/** Builds public/widget.js from widget/ once per test run, so tests never serve a stale one. */
export function widgetBuilt(): Promise<void> {
  built ??= buildWidget();
  return built;
}

/**
 * A loopback stand-in for the neutral exit site (BBC Weather in production). It can hold
 * its responses back, so that a test can see what the page looks like before the neutral
 * site has loaded.
 */
export class NeutralSite {
  readonly title = 'Neutral weather page';
  private server: Server | undefined;
  private held: (() => void)[] = [];
  private holding = false;
  url = '';
  visits = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address() as AddressInfo;
    // "localhost" rather than 127.0.0.1, so the neutral site is another origin from the bot.
    this.url = `http://localhost:${address.port}/weather`;
  }

  /** Holds back every response until `release()` is called. */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const send of this.held.splice(0)) send();
  }

  /** Waits (up to 10 s) until the neutral page has been asked for `count` times. */
  async waitForVisits(count: number): Promise<void> {
    const deadline = Date.now() + 10000;
    while (this.visits < count) {
      if (Date.now() > deadline)
        throw new Error(`The neutral site was visited ${this.visits} times`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const send = () => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><title>${this.title}</title><h1>Weather</h1></html>`);
    };
    if (req.url?.startsWith('/weather')) this.visits += 1;
    if (this.holding) this.held.push(send);
    else send();
  }
}
