import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import restify from 'restify';
import { registerDirectLine } from '../src/channels/directline/registerDirectLine.js';
import { loadSettings } from '../src/config/settings.js';
import { loadContent } from '../src/content/loadContent.js';
import { compileConversation } from '../src/engine/compileConversation.js';
import { createMemoryStatePort } from '../src/state/createMemoryStatePort.js';
import { TurnService } from '../src/turns/TurnService.js';
import { echoTurns } from './echoTurns.js';

/** Concurrent clients, each on its own conversation (and keep-alive socket). */
const CLIENTS = 50;
/**
 * The targets are measured in short slices, taken in turn, so that load from anything else
 * on the machine falls on all of them alike. The whole bench takes about five seconds.
 */
const ROUNDS = 4;
const SLICE_MS = 300;
const WARM_UP_MS = 300;
/** Each client reads its conversation every this many messages, as a polling page would. */
const POLL_EVERY = 10;
const SECRET = 'bench-secret';
const BODY = JSON.stringify({
  type: 'message',
  text: 'hello',
  channelData: { clientActivityID: 'b' },
});

type Send = (client: number, i: number) => Promise<void>;

function call(
  agent: http.Agent,
  port: number,
  method: string,
  path: string,
  token: string,
  body?: string,
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs CLIENTS loops of `send` for `ms`, adding each latency to `samples` when given. */
async function drive(send: Send, ms: number, samples?: number[]): Promise<void> {
  const stopAt = performance.now() + ms;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; performance.now() < stopAt; i++) {
        const t0 = performance.now();
        await send(client, i);
        samples?.push(performance.now() - t0);
      }
    }),
  );
}

/** Opens one conversation per client, and gives a sender that posts (and now and then polls). */
async function channelSender(agent: http.Agent, port: number): Promise<Send> {
  const base = '/v3/directline/conversations';
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const opened = JSON.parse((await call(agent, port, 'POST', base, SECRET, '{}')).text) as {
        conversationId: string;
        token: string;
      };
      return { id: opened.conversationId, token: opened.token, mark: '' };
    }),
  );
  return async (client, i) => {
    const c = clients[client];
    if (!c) return;
    const posted = await call(agent, port, 'POST', `${base}/${c.id}/activities`, c.token, BODY);
    if (posted.status !== 200) throw new Error(`Direct Line bench: POST answered ${posted.status}`);
    if (i % POLL_EVERY === POLL_EVERY - 1) {
      const path = `${base}/${c.id}/activities?watermark=${c.mark}`;
      const polled = await call(agent, port, 'GET', path, c.token);
      c.mark = (JSON.parse(polled.text) as { watermark: string }).watermark;
    }
  };
}

async function listen(server: restify.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function summarise(samples: number[], ms: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0;
  return { perSecond: Math.round(samples.length / (ms / 1000)), p99: Number(p99.toFixed(2)) };
}

/**
 * Messages per second and p99 through the self-hosted Direct Line channel, with an echo bot
 * and with the real Waymark bot, beside a bare restify route (same server as the echo bot)
 * measured in the same run. Loopback only; stops by itself after about five seconds.
 */
export async function benchDirectLine(): Promise<Record<string, string | number>> {
  const settings = loadSettings({ DIRECT_LINE_SECRET: SECRET });
  // The flood limit would (rightly) stop a bench; it is lifted for these stand-in clients.
  const common = {
    settings,
    limits: { rateMessages: 1e9 },
  };
  const server = restify.createServer({ handleUncaughtExceptions: false });
  // The bare route reads a JSON body of the same size and answers with JSON, as the channel does.
  server.post('/bare', async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const json = JSON.stringify({ id: String(body.length) });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(json);
  });
  const echo = registerDirectLine(server, { turns: echoTurns, ...common });
  // The real bot on a second server, so that its routes do not clash with the echo bot's.
  const real = restify.createServer({ handleUncaughtExceptions: false });
  const conversation = compileConversation(loadContent());
  const state = createMemoryStatePort();
  const turns = new TurnService({
    dialogs: new Map([[conversation.dialogId, conversation]]),
    defaultDialog: conversation.dialogId,
    state,
    ttlMinutes: 30,
    log: () => undefined,
    linkBase: 'http://localhost',
    now: () => new Date(),
  });
  const waymark = registerDirectLine(real, { turns, ...common });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
  try {
    const port = await listen(server);
    const realPort = await listen(real);
    const targets: [string, Send][] = [
      ['bare', async () => void (await call(agent, port, 'POST', '/bare', SECRET, BODY))],
      ['echo', await channelSender(agent, port)],
      ['waymark', await channelSender(agent, realPort)],
    ];
    const samples = new Map<string, number[]>(targets.map(([name]) => [name, []]));
    for (const [, send] of targets) await drive(send, WARM_UP_MS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, send] of targets) await drive(send, SLICE_MS, samples.get(name));
    }
    const measured = ROUNDS * SLICE_MS;
    const bare = summarise(samples.get('bare') ?? [], measured);
    const echoRun = summarise(samples.get('echo') ?? [], measured);
    const realRun = summarise(samples.get('waymark') ?? [], measured);
    return {
      clients: CLIENTS,
      'bare restify route, requests/s': bare.perSecond,
      'bare restify route, p99 ms': bare.p99,
      'Direct Line (echo bot), messages/s': echoRun.perSecond,
      'Direct Line (echo bot), p99 ms': echoRun.p99,
      'Direct Line (Waymark bot), messages/s': realRun.perSecond,
      'Direct Line (Waymark bot), p99 ms': realRun.p99,
      'ratio, echo bot / bare': `${(echoRun.perSecond / bare.perSecond).toFixed(2)}× (target ≥ 0.35×)`,
      'ratio, Waymark bot / bare': `${(realRun.perSecond / bare.perSecond).toFixed(2)}×`,
      note: `token auth; each client also polls every ${POLL_EVERY} messages (polls not counted)`,
    };
  } finally {
    echo.close();
    waymark.close();
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => real.close(() => resolve()));
  }
}
