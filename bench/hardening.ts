import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

/**
 * `npm run bench:hardening [-- --root DIR] [bomb|flood|readers]`: the memory a single
 * attacker could take from Waymark, as resident set size (RSS) of a real `src/index.ts`
 * process, read from /proc before, at the peak and after each attack.
 *
 * `--root` runs another checkout (for example the code before issue 6) the same way, so
 * the figures compare like with like on this machine.
 */

const args = process.argv.slice(2);
const rootIndex = args.indexOf('--root');
const root = path.resolve(rootIndex >= 0 ? (args[rootIndex + 1] ?? '.') : '.');
const wanted = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--root');
const MB = 1024 * 1024;
const SECRET = 'bench-direct-line-secret';
/** More than the store's 20,000-conversation cap, so a flood that is not stopped fills it. */
const FLOOD = 21_000;

interface Server {
  child: ChildProcess;
  port: number;
  rss(): number;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'bench',
      DIRECT_LINE_SECRET: SECRET,
      TRUSTED_PROXIES: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /"event":"listening","port":(\d+)/.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  child.stdout?.resume();
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    port,
    rss: () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        return 0; // the process has gone
      }
    },
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Samples RSS every 20 ms while `work` runs, and gives the highest. */
async function peakDuring<T>(server: Server, work: () => Promise<T>): Promise<[T, number]> {
  let peak = server.rss();
  const timer = setInterval(() => (peak = Math.max(peak, server.rss())), 20);
  try {
    const result = await work();
    return [result, Math.max(peak, server.rss())];
  } finally {
    clearInterval(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

function rawRequest(
  port: number,
  method: string,
  route: string,
  headers: Record<string, string>,
  body?: Buffer | string,
  agent?: http.Agent,
): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: route, headers, agent: agent ?? false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(-1));
      },
    );
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

async function settle(server: Server): Promise<number> {
  await sleep(5000);
  return server.rss();
}

/** A 200 MB JSON body, gzipped to about 200 KB, from a caller that should be refused. */
async function bomb(): Promise<void> {
  const inflated = Buffer.alloc(200 * MB, 0x20);
  inflated.write('{"type":"message","text":"', 0);
  inflated.write('"}', inflated.length - 2);
  const body = gzipSync(inflated, { level: 9 });
  const server = await startServer();
  await sleep(3000);
  const before = server.rss();
  const started = performance.now();
  const [status, peak] = await peakDuring(server, () =>
    rawRequest(
      server.port,
      'POST',
      '/api/messages',
      {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'X-Forwarded-For': '203.0.113.9',
      },
      body,
    ),
  );
  const elapsed = performance.now() - started;
  const after = await settle(server);
  const alive = (await rawRequest(server.port, 'GET', '/healthz', {})) === 200;
  console.log(
    `bomb (${(body.length / 1024).toFixed(0)} KB gzip → 200 MB): status ${status} in ${elapsed.toFixed(0)} ms; ` +
      `RSS before ${mb(before)}, peak ${mb(peak)}, 5 s after ${mb(after)}; still serving: ${alive}`,
  );
  await server.stop();
}

/** FLOOD token requests on one keep-alive connection; then a new visitor, and a secret holder. */
async function flood(): Promise<void> {
  const server = await startServer();
  await sleep(3000);
  const before = server.rss();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const statuses = new Map<number, number>();
  const started = performance.now();
  const [, peak] = await peakDuring(server, async () => {
    for (let i = 0; i < FLOOD; i += 1) {
      const status = await rawRequest(
        server.port,
        'POST',
        '/api/webchat/token',
        { 'Content-Type': 'text/plain' },
        '',
        agent,
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  });
  const elapsed = performance.now() - started;
  agent.destroy();
  const after = await settle(server);
  const newVisitor = await rawRequest(server.port, 'POST', '/api/webchat/token', {
    'X-Forwarded-For': '198.51.100.7',
  });
  const withSecretStatus = await rawRequest(
    server.port,
    'POST',
    '/v3/directline/conversations',
    { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}` },
    '{}',
  );
  const counts = [...statuses].map(([status, count]) => `${status}×${count}`).join(', ');
  console.log(
    `flood (${FLOOD} token requests, ${elapsed.toFixed(0)} ms): ${counts}; ` +
      `RSS before ${mb(before)}, peak ${mb(peak)}, 5 s after ${mb(after)}; ` +
      `then a token for another client: ${newVisitor}; a conversation with the secret: ${withSecretStatus}`,
  );
  await server.stop();
}

/** 300 clients ask for the Web Chat bundle without Accept-Encoding and never read. */
async function readers(): Promise<void> {
  const server = await startServer();
  // The bundle's URL: the hashed one if widget.js names it, else the old fixed path.
  const widget = await new Promise<string>((resolve) => {
    http.get(`http://127.0.0.1:${server.port}/widget.js`, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(text));
    });
  });
  const bundle = /"webChatUrl":"([^"]+)"/.exec(widget)?.[1] ?? '/webchat/webchat.js';
  await rawRequest(server.port, 'GET', bundle, {}); // the first request may warm a cache
  await sleep(3000);
  const before = server.rss();
  const sockets: net.Socket[] = [];
  const [, peak] = await peakDuring(server, async () => {
    for (let i = 0; i < 300; i += 1) {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(`GET ${bundle} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      socket.pause(); // never read
      sockets.push(socket);
    }
    await sleep(10_000);
  });
  const during = server.rss();
  for (const socket of sockets) socket.destroy();
  const after = await settle(server);
  const alive = (await rawRequest(server.port, 'GET', '/healthz', {})) === 200;
  console.log(
    `never-reading clients (300 × GET ${bundle.slice(0, 40)}): RSS before ${mb(before)}, ` +
      `peak ${mb(peak)}, after 10 s ${mb(during)}, 5 s after they close ${mb(after)}; ` +
      `still serving: ${alive}`,
  );
  await server.stop();
}

async function main(): Promise<void> {
  const all: Record<string, () => Promise<void>> = { bomb, flood, readers };
  const names = wanted.length > 0 ? wanted : Object.keys(all);
  console.log(`Hardening bench: ${root} (Node ${process.version})`);
  for (const name of names) await all[name]?.();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
