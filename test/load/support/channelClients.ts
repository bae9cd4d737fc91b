import { WebSocket } from 'ws';
import { smsConversationKey } from '../../../src/channels/sms/conversationKey.js';
import { expectRepliesMessage } from '../../support/expectRepliesMessage.js';
import { signedWebhook, smsWebhook, SMS } from '../../support/signedSms.js';
import type { SmsOutbox } from './smsOutbox.js';

/** A bot reply as the load test reads it. */
export interface Reply {
  text: string;
  urgency: string | undefined;
  step: string | undefined;
}

/** One conversation on one channel, driven one message at a time. */
export interface ChannelClient {
  readonly channel: 'webchat' | 'emulator' | 'sms';
  /** The key its state is stored under ("channel/conversation"). */
  readonly stateKey: string;
  /** Messages sent and answered so far. */
  sent: number;
  open(): Promise<void>;
  /** Sends one message; resolves with every reply to it, in order. Throws on any failure. */
  say(text: string): Promise<Reply[]>;
}

/** Waits for each request this long at most: generous, since it is not a timing test. */
const REQUEST_TIMEOUT_MS = 60_000;

interface Signposted {
  text?: string;
  type?: string;
  replyToId?: string;
  from?: { role?: string };
  channelData?: { signpost?: { urgency?: string; step?: string } };
}

const toReply = (activity: Signposted): Reply => ({
  text: activity.text ?? '',
  urgency: activity.channelData?.signpost?.urgency,
  step: activity.channelData?.signpost?.step,
});

async function call(url: string, init: RequestInit): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, text: await response.text() };
}

function expectStatus(what: string, got: number, want: number): void {
  if (got !== want) throw new Error(`${what}: answered ${got}, expected ${want}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How a web client hears the bot: polling from the watermark, or the WebSocket stream. */
export type WebTransport = 'polling' | 'websocket';

/** A site the charity embeds the widget on; the load server allows it (ALLOWED_ORIGINS). */
export const WIDGET_ORIGIN = 'https://charity.example.org';

/**
 * The web chat as the widget runs it: the page asks `/api/webchat/token` (from an allowed
 * Origin) for a conversation token, and Web Chat starts the conversation with that token,
 * never the Direct Line secret. Then either it polls from the watermark (Web Chat without
 * WebSockets), or it opens the conversation's WebSocket stream and hears every reply there,
 * posting its messages over HTTP as Web Chat does.
 */
export class WebClient implements ChannelClient {
  readonly channel = 'webchat';
  sent = 0;
  /** Replies heard, over the stream or by polling. */
  heard = 0;
  private id = '';
  private token = '';
  private watermark = '';
  private counter = 0;
  private stream: ActivityStreamClient | undefined;

  constructor(
    private readonly base: string,
    readonly transport: WebTransport,
  ) {}

  get stateKey(): string {
    return `webchat/${this.id}`;
  }

  async open(): Promise<void> {
    const issued = await call(`${this.base}/api/webchat/token`, {
      method: 'POST',
      headers: { Origin: WIDGET_ORIGIN },
    });
    expectStatus('web chat token', issued.status, 200);
    const page = JSON.parse(issued.text) as { token: string; domain: string };
    const opened = await call(`${this.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${page.token}`,
        'Content-Type': 'application/json',
        Origin: WIDGET_ORIGIN,
      },
      body: JSON.stringify({ user: { id: 'load-user' } }),
    });
    expectStatus('Direct Line start', opened.status, 201);
    const json = JSON.parse(opened.text) as {
      conversationId: string;
      token: string;
      streamUrl?: string;
    };
    this.id = json.conversationId;
    this.token = json.token;
    if (this.transport === 'websocket') {
      if (!json.streamUrl) throw new Error('Direct Line start: no streamUrl');
      this.stream = await ActivityStreamClient.open(this.loopback(json.streamUrl));
    }
    // The greeting is heard (and, polling, dropped from the queue) before the first message.
    await this.until((activities) => activities.some((a) => a.from?.role === 'bot'));
  }

  async say(text: string): Promise<Reply[]> {
    this.counter += 1;
    const posted = await call(`${this.base}/v3/directline/conversations/${this.id}/activities`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${this.token}`,
        'Content-Type': 'application/json',
        Origin: WIDGET_ORIGIN,
      },
      body: JSON.stringify({
        type: 'message',
        text,
        from: { id: 'load-user' },
        channelData: { clientActivityID: `load-${this.counter}` },
      }),
    });
    expectStatus('Direct Line post', posted.status, 200);
    const { id } = JSON.parse(posted.text) as { id: string };
    const replies = await this.until((activities) =>
      activities.some((a) => a.replyToId === id && a.from?.role === 'bot'),
    );
    this.sent += 1;
    const mine = replies.filter((a) => a.replyToId === id && a.from?.role === 'bot');
    this.heard += mine.length;
    return mine.map(toReply);
  }

  /** Closes the stream, if there is one. */
  close(): void {
    this.stream?.close();
  }

  /**
   * The stream URL names PUBLIC_URL's host (the load server has one, for Twilio's
   * signatures); here it is reached on loopback, as a reverse proxy would pass it on.
   */
  private loopback(streamUrl: string): string {
    const url = new URL(streamUrl);
    const base = new URL(this.base);
    url.protocol = 'ws:';
    url.host = base.host;
    return url.toString();
  }

  /** Hears activities (from the stream, or polling from the watermark) until `done` holds. */
  private async until(done: (activities: Signposted[]) => boolean): Promise<Signposted[]> {
    if (this.stream) return this.stream.until(done, REQUEST_TIMEOUT_MS);
    const seen: Signposted[] = [];
    const deadline = Date.now() + REQUEST_TIMEOUT_MS;
    for (let wait = 0; ; wait = Math.min(200, wait + 20)) {
      const read = await call(
        `${this.base}/v3/directline/conversations/${this.id}/activities?watermark=${this.watermark}`,
        { headers: { Authorization: `Bearer ${this.token}`, Origin: WIDGET_ORIGIN } },
      );
      expectStatus('Direct Line read', read.status, 200);
      const json = JSON.parse(read.text) as { activities: Signposted[]; watermark?: string };
      seen.push(...json.activities);
      this.watermark = json.watermark ?? this.watermark;
      if (done(seen)) return seen;
      if (Date.now() > deadline) throw new Error('Direct Line: no reply within the timeout');
      await sleep(wait);
    }
  }
}

/**
 * One conversation's WebSocket stream, read as Web Chat reads it: each message is an
 * activity set (an empty message is the server's keep-alive). Activities are kept until a
 * caller takes them, so none is missed between one message and the next. The stream closing
 * while the test runs is an error: a reply could be lost with it.
 */
class ActivityStreamClient {
  private readonly unread: Signposted[] = [];
  private wake: (() => void) | undefined;
  private closedBy: string | undefined;
  private closing = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (!text) return;
      const set = JSON.parse(text) as { activities?: Signposted[] };
      this.unread.push(...(set.activities ?? []));
      this.wake?.();
    });
    socket.on('close', (code: number) => {
      if (!this.closing) this.closedBy = `Direct Line stream closed (${code})`;
      this.wake?.();
    });
    socket.on('error', (error: Error) => {
      this.closedBy = `Direct Line stream: ${error.message}`;
      this.wake?.();
    });
  }

  static open(url: string): Promise<ActivityStreamClient> {
    const socket = new WebSocket(url, { origin: WIDGET_ORIGIN });
    const client = new ActivityStreamClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`Direct Line stream: refused ${res.statusCode ?? ''}`)),
      );
      socket.once('error', reject);
    });
  }

  async until(done: (activities: Signposted[]) => boolean, timeoutMs: number) {
    const seen: Signposted[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      seen.push(...this.unread.splice(0));
      if (done(seen)) return seen;
      if (this.closedBy) throw new Error(this.closedBy);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('Direct Line stream: no reply within the timeout');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  close(): void {
    this.closing = true;
    this.socket.close();
  }
}

/** POST /api/messages with expectReplies: the replies come back in the body. */
export class BotFrameworkClient implements ChannelClient {
  readonly channel = 'emulator';
  sent = 0;

  constructor(
    private readonly base: string,
    private readonly id: string,
  ) {}

  get stateKey(): string {
    return `emulator/${this.id}`;
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  async say(text: string): Promise<Reply[]> {
    const answered = await call(`${this.base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: expectRepliesMessage(this.id, text, 'load-user'),
    });
    expectStatus('/api/messages', answered.status, 200);
    const { activities } = JSON.parse(answered.text) as { activities: Signposted[] };
    const replies = activities.filter((a) => a.type === 'message').map(toReply);
    if (replies.length === 0) throw new Error('/api/messages: no reply in the body');
    this.sent += 1;
    return replies;
  }
}

/** Signed Twilio webhooks at /api/sms; the replies are read at the stand-in Messages API. */
export class SmsClient implements ChannelClient {
  readonly channel = 'sms';
  sent = 0;

  constructor(
    private readonly base: string,
    readonly number: string,
    private readonly outbox: SmsOutbox,
  ) {}

  get stateKey(): string {
    return `sms/${smsConversationKey(SMS.key, this.number)}`;
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  async say(text: string): Promise<Reply[]> {
    const before = this.outbox.count(this.number);
    const { body, signature } = signedWebhook(smsWebhook(this.number, text));
    const answered = await call(`${this.base}/api/sms`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signature,
      },
      body,
    });
    expectStatus('/api/sms', answered.status, 200);
    // One turn at a time per number, and each turn's texts go out in order before the next
    // turn runs. A turn may send several texts, so a late text of the previous turn can meet
    // this wait; the test therefore also checks each number's total against a reference.
    await this.outbox.waitFor(this.number, before + 1, REQUEST_TIMEOUT_MS);
    this.sent += 1;
    return this.outbox
      .texts(this.number)
      .slice(before)
      .map((body) => ({ text: body, urgency: undefined, step: undefined }));
  }
}
