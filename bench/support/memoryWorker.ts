/**
 * Memory of 10,000 active conversations on one channel, in a process of its own (run with
 * --expose-gc). CHANNEL=webchat drives the self-hosted Direct Line channel (greeting and one
 * message each, so 3+ activities wait unread per conversation); CHANNEL=sms drives the SMS
 * channel (its per-number queue, burst limit and MessageSid memory) with sends that go
 * nowhere; any other channel drives the turn service alone, as the Bot Framework channels
 * do. Prints one JSON line of figures.
 */
import { loadSettings } from '../../src/config/settings.js';
import { DirectLineChannel } from '../../src/channels/directline/DirectLineChannel.js';
import { resolveLimits } from '../../src/channels/directline/limits.js';
import { SmsChannel } from '../../src/channels/sms/SmsChannel.js';
import type { TwilioSender } from '../../src/channels/sms/TwilioSender.js';
import { createMemoryStatePort } from '../../src/state/createMemoryStatePort.js';
import { realTurnService } from '../../test/support/botHarness.js';

const COUNT = Number(process.env.COUNT ?? '10000');
const channelId = process.env.CHANNEL ?? 'webchat';

function settle(): { heap: number; rss: number } {
  for (let i = 0; i < 3; i += 1) (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

async function main(): Promise<void> {
  const state = createMemoryStatePort();
  const stateBytes: number[] = [];
  const measured = {
    ...state,
    write: (key: string, value: unknown, version: string | undefined, expiresAt: Date) => {
      stateBytes.push(Buffer.byteLength(JSON.stringify(value)));
      return state.write(key, value, version, expiresAt);
    },
  };
  const turns = realTurnService({ state: measured, now: new Date() });
  const channel = new DirectLineChannel({
    turns,
    settings: loadSettings({}),
    log: () => undefined,
    isEmergency: () => false,
    limits: resolveLimits({}),
  });
  const smsSettings = loadSettings({
    PUBLIC_URL: 'https://waymark.example.org',
    TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'bench-auth-token-0123456789abcdef',
    TWILIO_FROM: '+447700900001',
    SMS_KEY: 'bench-sms-key-that-is-at-least-32-characters',
  }).sms;
  const sms =
    smsSettings &&
    new SmsChannel({
      turns,
      state: measured,
      sms: smsSettings,
      sender: { sendAll: () => Promise.resolve('sent') } as unknown as TwilioSender,
      log: () => undefined,
      isEmergency: () => false,
    });
  // Warm every path once, so the figures are for conversations, not for loaded code.
  // The warm-up walks to a signpost, so the largest state written is a deep one.
  await turns.runTurn({ channel: channelId, conversationKey: 'warm', input: { kind: 'open' } });
  for (const text of ['yes', 'yes', 'me', 'somewhere to stay', 'SS0 7AB']) {
    const input = { kind: 'message' as const, text };
    await turns.runTurn({ channel: channelId, conversationKey: 'warm', input });
  }
  const before = settle();
  for (let i = 0; i < COUNT; i += 1) {
    if (channelId === 'sms' && sms) {
      const From = `+4477009${String(i).padStart(5, '0')}`;
      await sms.receive({ From, Body: 'hi', MessageSid: `SM${i}a` });
      await sms.receive({ From, Body: 'yes', MessageSid: `SM${i}b` });
      if (i % 100 === 99) await sms.idle();
    } else if (channelId === 'webchat') {
      const conversation = channel.store.create(`user-${i}`);
      await channel.start(conversation);
      await channel.post(conversation, { type: 'message', text: 'yes', textFormat: 'plain' });
    } else {
      const key = `conversation-${i}`;
      await turns.runTurn({ channel: channelId, conversationKey: key, input: { kind: 'open' } });
      await turns.runTurn({
        channel: channelId,
        conversationKey: key,
        input: { kind: 'message', text: 'yes' },
      });
    }
  }
  await sms?.idle();
  const after = settle();
  stateBytes.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      channel: channelId,
      conversations: COUNT,
      heapBeforeMB: before.heap / 2 ** 20,
      heapAfterMB: after.heap / 2 ** 20,
      rssBeforeMB: before.rss / 2 ** 20,
      rssAfterMB: after.rss / 2 ** 20,
      perConversationKB: (after.heap - before.heap) / COUNT / 1024,
      maxStateBytes: stateBytes[stateBytes.length - 1] ?? 0,
    })}\n`,
  );
  channel.close();
  await state.close();
}

void main();
