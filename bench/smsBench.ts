import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import restify from 'restify';
import twilio from 'twilio';
import { createApp } from '../src/app.js';
import { loadSettings } from '../src/config/settings.js';
import { TwilioStandIn } from '../test/sms/twilioStandIn.js';

/** Concurrent senders, each its own phone number (and keep-alive socket). */
const CLIENTS = 20;
const ROUNDS = 4;
const SLICE_MS = 400;
const WARM_UP_MS = 400;
const TOKEN = 'bench-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://waymark.example.org';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

type Send = (client: number, i: number) => Promise<void>;

function post(agent: http.Agent, port: number, path: string, body: string, signature: string) {
  return new Promise<number>((resolve, reject) => {
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
      'X-Twilio-Signature': signature,
    };
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path, agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Inbound webhook fields, as Twilio sends them; each has its own MessageSid. */
function webhook(client: number, i: number, text: string): Record<string, string> {
  const sid = `SM${String(client).padStart(4, '0')}${String(i).padStart(28, '0')}`;
  return {
    ToCountry: 'GB',
    SmsMessageSid: sid,
    NumMedia: '0',
    MessageSid: sid,
    AccountSid: `AC${'1'.repeat(32)}`,
    From: `+4477009${String(client).padStart(5, '0')}`,
    To: '+447700900001',
    Body: text,
    NumSegments: '1',
    ApiVersion: '2010-04-01',
  };
}

/** The conversation a texter runs, over and over: greeting, answers, a signpost, start over. */
const SCRIPT = ['hi', '1', '1', 'me', '2', 'Southend', 'start over'];

function percentile(sorted: number[], q: number): number {
  return Number(
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2),
  );
}

function summarise(samples: number[], ms: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    perSecond: Math.round(samples.length / (ms / 1000)),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
  };
}

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

/**
 * `/api/sms` with signed webhooks, beside a bare restify route that reads the same form
 * body and answers the same empty TwiML, in the same run and process, on loopback. Also
 * the time from a webhook to its last reply reaching a stand-in Messages API, which is what
 * a TwiML answer would have to beat within Twilio's 15-second webhook timeout.
 */
export async function benchSms(): Promise<Record<string, string | number>> {
  const twilioApi = new TwilioStandIn();
  const apiBase = await twilioApi.start();
  const settings = loadSettings({
    PORT: '0',
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_FROM: '+447700900001',
    SMS_KEY: 'bench-sms-key-that-is-at-least-32-characters',
    TWILIO_API_BASE_URL: apiBase,
    // The burst limit would (rightly) stop a bench; it is lifted for these stand-in texters.
    SMS_RATE_MESSAGES: '1000000000',
  });
  const app = createApp(settings, { log: () => undefined });
  const bare = restify.createServer({ handleUncaughtExceptions: false });
  bare.post('/bare', async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'X-Length': body.length });
    res.end(EMPTY_TWIML);
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS * 2 });
  try {
    const port = (await app.listen(0, '127.0.0.1')).port;
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const barePort = (bare.address() as AddressInfo).port;
    const signed = (path: string, client: number, i: number) => {
      const params = webhook(client, i, SCRIPT[i % SCRIPT.length] ?? 'hi');
      const signature = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC_URL}${path}`, params);
      return { body: new URLSearchParams(params).toString(), signature };
    };
    const targets: [string, Send][] = [
      [
        'bare',
        async (client, i) => {
          const { body, signature } = signed('/bare', client, i);
          await post(agent, barePort, '/bare', body, signature);
        },
      ],
      [
        'sms',
        async (client, i) => {
          const { body, signature } = signed('/api/sms', client, i + 1_000_000);
          const status = await post(agent, port, '/api/sms', body, signature);
          if (status !== 200) throw new Error(`SMS bench: /api/sms answered ${status}`);
        },
      ],
    ];
    const samples = new Map<string, number[]>(targets.map(([name]) => [name, []]));
    for (const [, send] of targets) await drive(send, WARM_UP_MS);
    await app.sms?.channel.idle();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, send] of targets) await drive(send, SLICE_MS, samples.get(name));
      await app.sms?.channel.idle();
    }
    const measured = ROUNDS * SLICE_MS;
    const bareRun = summarise(samples.get('bare') ?? [], measured);
    const smsRun = summarise(samples.get('sms') ?? [], measured);

    // Webhook to last reply sent, one texter at a time (what TwiML would have to wait for).
    const replyTimes: number[] = [];
    for (let i = 0; i < 100; i++) {
      const { body, signature } = signed('/api/sms', 999, i + 2_000_000);
      const t0 = performance.now();
      await post(agent, port, '/api/sms', body, signature);
      await app.sms?.channel.idle();
      replyTimes.push(performance.now() - t0);
    }
    const reply = summarise(replyTimes, 1);
    return {
      clients: CLIENTS,
      'bare restify route (same form body, empty TwiML), requests/s': bareRun.perSecond,
      'bare restify route, p50 / p99 ms': `${bareRun.p50} / ${bareRun.p99}`,
      '/api/sms signed webhooks (verified, turn queued), requests/s': smsRun.perSecond,
      '/api/sms, p50 / p99 ms': `${smsRun.p50} / ${smsRun.p99}`,
      'ratio, /api/sms / bare': `${(smsRun.perSecond / bareRun.perSecond).toFixed(2)}×`,
      'webhook to last reply at the stand-in API, p50 / p99 ms': `${reply.p50} / ${reply.p99}`,
      note: 'each request is signed by the client inside the timed call, for both routes alike; turns and sends run while later webhooks arrive',
    };
  } finally {
    agent.destroy();
    await app.close();
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await twilioApi.stop();
  }
}
