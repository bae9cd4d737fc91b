import http from 'node:http';
import twilio from 'twilio';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { createMemoryStatePort } from '../../src/state/createMemoryStatePort.js';
import { TEST_NOW } from '../support/botHarness.js';
import { TwilioStandIn } from './twilioStandIn.js';

export const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const FROM = '+447700900001';
/** The public address Twilio would call: not the loopback one the test reaches. */
export const PUBLIC_URL = 'https://waymark.example.org';
export const SMS_KEY = 'test-sms-key-that-is-at-least-32-characters';

/** Builds a Twilio-shaped inbound webhook's fields (unknown extras allowed). */
export function inbound(from: string, body: string, extra: Record<string, string> = {}) {
  inbound.count += 1;
  return {
    ToCountry: 'GB',
    SmsMessageSid: `SM${String(inbound.count).padStart(32, 'a')}`,
    NumMedia: '0',
    MessageSid: `SM${String(inbound.count).padStart(32, 'a')}`,
    AccountSid: ACCOUNT_SID,
    From: from,
    To: FROM,
    Body: body,
    NumSegments: '1',
    ApiVersion: '2010-04-01',
    ...extra,
  };
}
inbound.count = 0;

/** The real app with SMS on, its server listening on loopback, and the Twilio stand-in. */
export class SmsHarness {
  app!: App;
  port = 0;
  readonly twilio = new TwilioStandIn();
  readonly logs: string[] = [];

  async start(env: Record<string, string> = {}): Promise<this> {
    const apiBase = await this.twilio.start();
    const settings = loadSettings({
      PORT: '0',
      PUBLIC_URL,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: FROM,
      SMS_KEY,
      TWILIO_API_BASE_URL: apiBase,
      ...env,
    });
    this.app = createApp(settings, {
      log: (event, fields) => this.logs.push(JSON.stringify({ event, ...fields })),
      now: () => TEST_NOW,
      state: createMemoryStatePort(() => TEST_NOW.getTime()),
      sms: {
        sendPolicy: { attempts: 3, backoffMs: [20, 50], deleteDelaysMs: [20, 50] },
        apiTimeoutMs: 1_500,
      },
    });
    this.port = (await this.app.listen(0, '127.0.0.1')).port;
    return this;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.twilio.stop();
  }

  /** POSTs a webhook signed as Twilio signs it (for `url`, default the public one). */
  post(
    params: Record<string, string>,
    options: { path?: string; signature?: string | null; signedUrl?: string } = {},
  ): Promise<{ status: number; body: string }> {
    const path = options.path ?? '/api/sms';
    const url = options.signedUrl ?? `${PUBLIC_URL}${path}`;
    const signature =
      options.signature === undefined
        ? twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params)
        : options.signature;
    const body = new URLSearchParams(params).toString();
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
    };
    if (signature !== null) headers['X-Twilio-Signature'] = signature;
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.port, method: 'POST', path, headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Sends a text and waits until its turn has run and every reply has gone out. */
  async text(from: string, body: string, extra: Record<string, string> = {}): Promise<string[]> {
    const before = this.twilio.sent.length;
    const response = await this.post(inbound(from, body, extra));
    if (response.status !== 200) throw new Error(`/api/sms answered ${response.status}`);
    await this.idle();
    return this.twilio.sent.slice(before).map((call) => call.form.Body ?? '');
  }

  /** Waits for every queued SMS turn to finish sending. */
  idle(): Promise<void> {
    return this.app.sms?.channel.idle() ?? Promise.resolve();
  }
}
