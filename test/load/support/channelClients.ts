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

/** The self-hosted Direct Line channel, polling from the watermark as Web Chat does. */
export class WebClient implements ChannelClient {
  readonly channel = 'webchat';
  sent = 0;
  private id = '';
  private token = '';
  private watermark = '';
  private counter = 0;

  constructor(
    private readonly base: string,
    private readonly secret: string,
  ) {}

  get stateKey(): string {
    return `webchat/${this.id}`;
  }

  async open(): Promise<void> {
    const opened = await call(`${this.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: 'load-user' } }),
    });
    expectStatus('Direct Line open', opened.status, 201);
    const json = JSON.parse(opened.text) as { conversationId: string; token: string };
    this.id = json.conversationId;
    this.token = json.token;
    // The greeting is read (and so dropped from the queue) before the first message.
    await this.until((activities) => activities.some((a) => a.from?.role === 'bot'));
  }

  async say(text: string): Promise<Reply[]> {
    this.counter += 1;
    const posted = await call(`${this.base}/v3/directline/conversations/${this.id}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
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
    return replies.filter((a) => a.replyToId === id && a.from?.role === 'bot').map(toReply);
  }

  /** Reads from the watermark until `done` holds for what has been read since the call. */
  private async until(done: (activities: Signposted[]) => boolean): Promise<Signposted[]> {
    const seen: Signposted[] = [];
    const deadline = Date.now() + REQUEST_TIMEOUT_MS;
    for (let wait = 0; ; wait = Math.min(200, wait + 20)) {
      const read = await call(
        `${this.base}/v3/directline/conversations/${this.id}/activities?watermark=${this.watermark}`,
        { headers: { Authorization: `Bearer ${this.token}` } },
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
