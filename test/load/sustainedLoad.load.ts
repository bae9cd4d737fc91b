import { expect } from 'chai';
import { conversationStateSchema } from '../../src/engine/conversationState.js';
import { startProcess, type RunningProcess } from '../server/support/waymarkProcess.js';
import { underLoadEnv } from '../support/signedSms.js';
import {
  BotFrameworkClient,
  SmsClient,
  WebClient,
  WIDGET_ORIGIN,
  type ChannelClient,
  type Reply,
  type WebTransport,
} from './support/channelClients.js';
import { SmsOutbox } from './support/smsOutbox.js';

/**
 * `npm run test:load` (also run by .ci/run): sustained load across the web (Direct Line, as
 * the widget starts it: a token from /api/webchat/token, then half the clients polling and
 * half on the WebSocket stream), /api/messages and SMS at once, asserting correctness, never
 * time. Every message must get
 * its reply with no error; afterwards every conversation's stored state must be exactly what
 * the same messages give one at a time; the heap after a forced GC may not grow past a
 * bound; and in a burst of new conversations an emergency phrase still gets the emergency
 * reply first.
 */
const SECONDS = Number(process.env.LOAD_SECONDS ?? '60');
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? '100');
/**
 * Heap growth allowed over the run, after forced GC at both ends. The run keeps about 200
 * live conversations and remembers every SMS MessageSid for a day: 7 MB grew over 12,800
 * messages on a busy 2-core machine. A leak of a few KB per message would pass this.
 */
const HEAP_GROWTH_BOUND_MB = 32;
/** New conversations per channel opened at once in the burst, around the emergency one. */
const BURST = 30;
const SECRET = 'load-test-direct-line-secret-0123456789';
const SCRIPT = ['hello', 'yes', 'yes', 'me', 'somewhere to stay', 'SS0 7AB', 'start over'];
const EMERGENCY = 'he is here now';

type Channel = ChannelClient['channel'];
const CHANNELS: Channel[] = ['webchat', 'emulator', 'sms'];

interface Figures {
  seconds: number;
  errors: string[];
  answered: Record<Channel, number>;
  /** Web messages answered, and bot replies heard, by how the client hears the bot. */
  web: Record<WebTransport, { clients: number; sent: number; answered: number; heard: number }>;
  heapStartMB: number;
  heapEndMB: number;
  checked: number;
  inconsistent: string[];
  smsTexts: { expected: number; got: number };
  emergency: Record<Channel, Reply | undefined>;
  burstAnswered: number;
}

describe(`sustained load: ${SECONDS} s at ${CONNECTIONS} connections across web, /api/messages and SMS`, function () {
  this.timeout((SECONDS + 600) * 1000);
  let server: RunningProcess | undefined;
  const outbox = new SmsOutbox();
  let base = '';
  let numbers = 0;
  let ids = 0;
  const figures: Figures = {
    seconds: 0,
    errors: [],
    answered: { webchat: 0, emulator: 0, sms: 0 },
    web: {
      polling: { clients: 0, sent: 0, answered: 0, heard: 0 },
      websocket: { clients: 0, sent: 0, answered: 0, heard: 0 },
    },
    heapStartMB: 0,
    heapEndMB: 0,
    checked: 0,
    inconsistent: [],
    smsTexts: { expected: 0, got: 0 },
    emergency: { webchat: undefined, emulator: undefined, sms: undefined },
    burstAnswered: 0,
  };

  const webClients: WebClient[] = [];
  /** Web clients take turns: one polls, the next hears the bot on its WebSocket stream. */
  const client = (channel: Channel, transport?: WebTransport): ChannelClient => {
    if (channel === 'webchat') {
      const web = new WebClient(
        base,
        transport ?? (webClients.length % 2 ? 'websocket' : 'polling'),
      );
      webClients.push(web);
      return web;
    }
    if (channel === 'emulator') return new BotFrameworkClient(base, `load-${(ids += 1)}`);
    numbers += 1;
    return new SmsClient(base, `+4477009${String(numbers).padStart(5, '0')}`, outbox);
  };
  const json = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${base}${path}`)).json()) as T;
  const stored = (key: string) =>
    json<{ stored: unknown }>(`/load/state?key=${encodeURIComponent(key)}`).then((r) => r.stored);
  const heapMB = async () => (await json<{ heapUsed: number }>('/load/heap')).heapUsed / 2 ** 20;

  /** What each conversation's state must be after n messages, from one run one at a time. */
  const reference = new Map<Channel, { states: unknown[]; texts: number[] }>();
  const expectedAt = (channel: Channel, n: number) => {
    const ref = reference.get(channel);
    if (!ref) throw new Error(`no reference for ${channel}`);
    const period = SCRIPT.length;
    // The first cycle starts from nothing; from the second on the states repeat.
    const index = n <= 2 * period ? n : period + ((n - period - 1) % period) + 1;
    return ref.states[index];
  };
  const textsAt = (n: number) => {
    const texts = reference.get('sms')?.texts ?? [];
    const period = SCRIPT.length;
    let total = 0;
    for (let i = 1; i <= n; i += 1)
      total += texts[i <= 2 * period ? i : period + ((i - period - 1) % period) + 1] ?? 0;
    return total;
  };

  before(async () => {
    const api = await outbox.start();
    server = startProcess('test/load/support/loadServer.ts', {
      ...underLoadEnv(api, SECRET),
      // The widget's page is on a charity's site, as in production.
      ALLOWED_ORIGINS: WIDGET_ORIGIN,
      NODE_OPTIONS: '--expose-gc',
    });
    const line = await server.waitForLine((text) => text.startsWith('{"listening"'), 180_000);
    base = `http://127.0.0.1:${(JSON.parse(line) as { listening: number }).listening}`;

    // 1. References, one message at a time: three cycles of the script per channel, and
    //    the emergency phrase as a first message.
    const firstEmergency = new Map<Channel, Reply | undefined>();
    for (const channel of CHANNELS) {
      const one = client(channel, 'polling');
      await one.open();
      const states: unknown[] = [await stored(one.stateKey)];
      for (let i = 0; i < 3 * SCRIPT.length; i += 1) {
        await one.say(SCRIPT[i % SCRIPT.length] ?? '');
        if (channel === 'sms') await json('/load/idle');
        states.push(await stored(one.stateKey));
      }
      reference.set(channel, { states, texts: [] });
      const alarmed = client(channel, 'websocket');
      await alarmed.open();
      firstEmergency.set(channel, (await alarmed.say(EMERGENCY))[0]);
    }
    await referenceSmsTexts();
    // The references must repeat from the second cycle on, and differ along the way, or
    // comparing against them would prove nothing.
    for (const channel of CHANNELS) {
      const states = (reference.get(channel)?.states ?? []).map((state) => JSON.stringify(state));
      const period = SCRIPT.length;
      expect(states.slice(period + 1, 2 * period + 1), `${channel}: periodic`).to.deep.equal(
        states.slice(2 * period + 1),
      );
      expect(new Set(states).size, `${channel}: distinct states`).to.be.at.least(4);
    }
    for (const channel of CHANNELS)
      expect(firstEmergency.get(channel)?.text, `${channel}: emergency reference`).to.match(/999/);

    // 2. The heap at the start, after a forced GC.
    figures.heapStartMB = await heapMB();

    // 3. CONNECTIONS conversations, a third per channel, each one message at a time for
    //    SECONDS; half-way, a burst of new conversations with an emergency among them.
    const started = Date.now();
    const stopAt = started + SECONDS * 1000;
    const clients = Array.from({ length: CONNECTIONS }, (_, i) =>
      client(CHANNELS[i % 3] ?? 'webchat'),
    );
    const failed = new Set<ChannelClient>();
    const drive = async (one: ChannelClient) => {
      try {
        await one.open();
        while (Date.now() < stopAt) {
          const replies = await one.say(SCRIPT[one.sent % SCRIPT.length] ?? '');
          figures.answered[one.channel] += 1;
          if (one instanceof WebClient) {
            const web = figures.web[one.transport];
            web.answered += 1;
            web.heard += replies.length;
          }
        }
      } catch (error) {
        failed.add(one);
        figures.errors.push(
          `${one.channel}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };
    const burst = async () => {
      await new Promise((resolve) => setTimeout(resolve, (SECONDS * 1000) / 2));
      const fresh = CHANNELS.flatMap((channel) =>
        Array.from({ length: BURST }, () => client(channel)),
      );
      const alarmed = CHANNELS.map((channel) => client(channel, 'websocket'));
      const hello = async (one: ChannelClient) => {
        await one.open();
        await one.say('hello');
        figures.burstAnswered += 1;
      };
      const half = fresh.length / 2;
      const results = await Promise.allSettled([
        ...fresh.slice(0, half).map(hello),
        ...alarmed.map(async (one) => {
          await one.open();
          figures.emergency[one.channel] = (await one.say(EMERGENCY))[0];
        }),
        ...fresh.slice(half).map(hello),
      ]);
      for (const result of results)
        if (result.status === 'rejected')
          figures.errors.push(
            `burst: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`,
          );
      // The SMS emergency reply is compared with the one given outside any burst.
      const sms = figures.emergency.sms;
      if (sms && sms.text !== firstEmergency.get('sms')?.text) sms.urgency = 'not-emergency';
      else if (sms) sms.urgency = 'emergency';
    };
    await Promise.all([...clients.map(drive), burst()]);
    figures.seconds = (Date.now() - started) / 1000;
    for (const one of clients) {
      if (!(one instanceof WebClient)) continue;
      figures.web[one.transport].clients += 1;
      figures.web[one.transport].sent += one.sent;
    }
    for (const web of webClients) web.close();
    await json('/load/idle');

    // 4. Every conversation's state, and every SMS number's texts.
    for (const one of clients) {
      if (failed.has(one)) continue;
      figures.checked += 1;
      const state = await stored(one.stateKey);
      const parsed = conversationStateSchema.safeParse(state);
      if (!parsed.success) figures.inconsistent.push(`${one.stateKey}: not a valid state`);
      else if (JSON.stringify(state) !== JSON.stringify(expectedAt(one.channel, one.sent)))
        figures.inconsistent.push(`${one.channel} after ${one.sent} messages: state differs`);
      if (one instanceof SmsClient) {
        figures.smsTexts.expected += textsAt(one.sent);
        figures.smsTexts.got += outbox.count(one.number);
      }
    }

    // 5. The heap at the end, after a forced GC.
    figures.heapEndMB = await heapMB();
    printSummary(figures);

    async function referenceSmsTexts(): Promise<void> {
      // Texts per message on SMS, from a number driven one message at a time, waiting for
      // every send of each turn before the next message.
      const one = client('sms') as SmsClient;
      const texts: number[] = [0];
      for (let i = 0; i < 3 * SCRIPT.length; i += 1) {
        const before = outbox.count(one.number);
        await one.say(SCRIPT[i % SCRIPT.length] ?? '');
        await json('/load/idle');
        texts.push(outbox.count(one.number) - before);
      }
      const ref = reference.get('sms');
      if (ref) ref.texts = texts;
    }
  });

  after(async () => {
    for (const web of webClients) web.close();
    await server?.stop();
    await outbox.stop();
  });

  it('answers every message sent, with no error', () => {
    expect(figures.errors.slice(0, 5)).to.deep.equal([]);
    for (const channel of CHANNELS) expect(figures.answered[channel], channel).to.be.above(0);
    expect(figures.burstAnswered).to.equal(BURST * CHANNELS.length);
  });

  it('loses no web reply, polling or on the WebSocket stream: every message sent heard its reply', () => {
    for (const transport of ['polling', 'websocket'] as const) {
      const web = figures.web[transport];
      expect(web.clients, `${transport} clients`).to.be.above(0);
      expect(web.answered, transport).to.be.above(0);
      expect(web.answered, `${transport}: messages answered`).to.equal(web.sent);
      expect(web.heard, `${transport}: replies heard`).to.be.at.least(web.answered);
    }
  });

  it('sends every SMS reply: each number got exactly the texts its messages give one at a time', () => {
    expect(figures.smsTexts.got).to.equal(figures.smsTexts.expected);
  });

  it("leaves every conversation's stored state exactly as its messages give one at a time", () => {
    expect(figures.checked).to.equal(CONNECTIONS);
    expect(figures.inconsistent.slice(0, 5)).to.deep.equal([]);
  });

  it(`keeps heap growth after a forced GC within ${HEAP_GROWTH_BOUND_MB} MB`, () => {
    expect(figures.heapEndMB - figures.heapStartMB).to.be.at.most(HEAP_GROWTH_BOUND_MB);
  });

  it('answers an emergency phrase in the burst with the emergency reply, first, on every channel', () => {
    for (const channel of CHANNELS) {
      const first = figures.emergency[channel];
      expect(first?.urgency, channel).to.equal('emergency');
      expect(first?.text, channel).to.match(/999/);
    }
  });
});

function printSummary(f: Figures): void {
  const total = CHANNELS.reduce((sum, channel) => sum + f.answered[channel], 0);
  const lines = [
    `load: ${f.seconds.toFixed(0)} s, ${CONNECTIONS} connections; ${total} messages answered (${Math.round(total / f.seconds)}/s):`,
    `  web (Direct Line) ${f.answered.webchat}, /api/messages ${f.answered.emulator}, SMS ${f.answered.sms}; errors ${f.errors.length}`,
    `  web: polling ${f.web.polling.answered} messages, ${f.web.polling.heard} replies (${f.web.polling.clients} clients); WebSocket stream ${f.web.websocket.answered} messages, ${f.web.websocket.heard} replies (${f.web.websocket.clients} clients)`,
    `  burst: ${f.burstAnswered} new conversations answered; emergency first: ${CHANNELS.map((c) => `${c} ${f.emergency[c]?.urgency ?? 'none'}`).join(', ')}`,
    `  state: ${f.checked} conversations checked, ${f.inconsistent.length} inconsistent; SMS texts ${f.smsTexts.got} of ${f.smsTexts.expected} expected`,
    `  heap after forced GC: ${f.heapStartMB.toFixed(1)} MB at the start, ${f.heapEndMB.toFixed(1)} MB at the end (growth ${(f.heapEndMB - f.heapStartMB).toFixed(1)} MB, bound ${HEAP_GROWTH_BOUND_MB} MB)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
