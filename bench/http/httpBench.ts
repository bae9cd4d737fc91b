import { startAzurite } from '../../test/support/azurite.js';
import { startProcess, type RunningProcess } from '../../test/server/support/waymarkProcess.js';
import { TwilioStandIn } from '../../test/sms/twilioStandIn.js';
import { combine, runLoad, type LoadFigures } from './load.js';
import {
  bareScenario,
  botFrameworkScenario,
  directLineScenario,
  SCRIPT,
  smsScenario,
  type Scenario,
} from './scenarios.js';
import type autocannon from 'autocannon';
import { summarise } from '../stats.js';
import { signedWebhook, smsWebhook, underLoadEnv } from '../../test/support/signedSms.js';

/** Concurrent connections for every target (each its own conversation, keep-alive). */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '50');
/** Slices per target, taken in turn so that load from elsewhere falls on all alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');
const SLICE_SECONDS = Number(process.env.BENCH_SLICE_SECONDS ?? '4');
const WARM_UP_SECONDS = 2;
const SECRET = 'bench-direct-line-secret-0123456789';

/** The HTTP targets, (a) to (f), by key. */
export type HttpKey = 'a' | 'b' | 'c' | 'dPolling' | 'dWebSocket' | 'e' | 'f';

/** Figures per target, plus what the run saw besides. */
export interface HttpFigures {
  targets: Record<HttpKey, LoadFigures & { label: string; missing: number }>;
  /** SMS: webhooks per second counting the wait until every turn and send was done. */
  smsCompletedPerSecond: number;
  /** Texts the stand-in Twilio API received. */
  smsSent: number;
  /** One texter at a time: webhook to its last reply sent, in ms (what TwiML would wait for). */
  smsReply: { median: number; p99: number };
}

async function serve(
  target: string,
  env: Record<string, string>,
): Promise<{ port: number; process: RunningProcess }> {
  const child = startProcess('bench/http/serve.ts', { TARGET: target, ...env });
  const line = await child.waitForLine((text) => text.startsWith('{"listening"'), 120_000);
  return { port: (JSON.parse(line) as { listening: number }).listening, process: child };
}

/**
 * (a)–(f) over HTTP on loopback with autocannon: each server in its own process, the
 * load from this one. Every target gets a warm-up, then ROUNDS slices taken in turn.
 */
export async function benchHttp(): Promise<HttpFigures> {
  const azurite = await startAzurite();
  const twilioApi = new TwilioStandIn();
  const apiBase = await twilioApi.start();
  const env = underLoadEnv(apiBase, SECRET);
  const servers = await Promise.all([
    serve('bare', {}),
    serve('echo', {}),
    serve('waymark', env),
    serve('waymark', {
      ...env,
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      STATE_TIMEOUT_MS: '10000',
    }),
  ]);
  const [bare, echo, waymark, blob] = servers.map((s) => `http://127.0.0.1:${s.port}`);
  const idle = async () => {
    const started = performance.now();
    await fetch(`${waymark}/bench/idle`);
    return performance.now() - started;
  };
  const targets: [HttpKey, string, string, () => Scenario][] = [
    ['a', 'bare restify route, small JSON body', bare ?? '', bareScenario],
    [
      'b',
      'minimal botbuilder echo bot, CloudAdapter, expectReplies',
      echo ?? '',
      () => botFrameworkScenario('echo'),
    ],
    [
      'c',
      'Waymark /api/messages, expectReplies',
      waymark ?? '',
      () => botFrameworkScenario('waymark'),
    ],
    [
      'dPolling',
      'Waymark Direct Line, polling (post + read)',
      waymark ?? '',
      () => directLineScenario(SECRET, 'polling', waymark ?? ''),
    ],
    [
      'dWebSocket',
      'Waymark Direct Line, WebSocket stream (post)',
      waymark ?? '',
      () => directLineScenario(SECRET, 'websocket', waymark ?? ''),
    ],
    ['e', 'Waymark /api/sms, signed webhooks', waymark ?? '', smsScenario],
    [
      'f',
      'Waymark /api/messages, blob state (Azurite)',
      blob ?? '',
      () => botFrameworkScenario('blob'),
    ],
  ];
  const results = new Map<HttpKey, autocannon.Result[]>(targets.map(([key]) => [key, []]));
  const missing = new Map<HttpKey, number>();
  let smsSeconds = 0;
  let smsWebhooks = 0;
  try {
    for (const [, , url, scenario] of targets) {
      const warm = scenario();
      await runLoad(url, warm.requests, CONNECTIONS, WARM_UP_SECONDS);
      warm.close();
    }
    await idle();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [key, , url, scenario] of targets) {
        const run = scenario();
        const result = await runLoad(url, run.requests, CONNECTIONS, SLICE_SECONDS);
        run.close();
        results.get(key)?.push(result);
        missing.set(key, (missing.get(key) ?? 0) + run.missing());
        if (key === 'e') {
          smsSeconds += result.duration + (await idle()) / 1000;
          smsWebhooks += result['2xx'];
        }
      }
    }
    // Webhook to last reply sent, one texter at a time, with nothing else running.
    const replyTimes: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const { body, signature } = signedWebhook(
        smsWebhook('+447700999999', SCRIPT[i % SCRIPT.length] ?? 'hi'),
      );
      const t0 = performance.now();
      const answered = await fetch(`${waymark}/api/sms`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signature,
        },
        body,
      });
      await answered.text();
      await idle();
      replyTimes.push(performance.now() - t0);
    }
    const figures = Object.fromEntries(
      targets.map(([key, label]) => [
        key,
        { label, ...combine(results.get(key) ?? []), missing: missing.get(key) ?? 0 },
      ]),
    ) as HttpFigures['targets'];
    return {
      targets: figures,
      smsCompletedPerSecond: smsSeconds > 0 ? Math.round(smsWebhooks / smsSeconds) : 0,
      smsSent: twilioApi.sent.length,
      smsReply: summarise(replyTimes),
    };
  } finally {
    await Promise.all(servers.map((s) => s.process.stop()));
    await twilioApi.stop();
    await azurite.stop();
  }
}

if (process.argv[1]?.endsWith('httpBench.ts')) {
  benchHttp()
    .then((figures) => console.log(JSON.stringify(figures, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
