/**
 * Memory of 10,000 active conversations on one channel, in a process of its own (run with
 * --expose-gc). CHANNEL=webchat drives the self-hosted Direct Line channel (greeting and one
 * message each, so 3+ activities wait unread per conversation); any other channel drives the
 * turn service alone, as the Bot Framework channels do. Prints one JSON line of figures.
 */
import { loadSettings } from '../../src/config/settings.js';
import { DirectLineChannel } from '../../src/channels/directline/DirectLineChannel.js';
import { resolveLimits } from '../../src/channels/directline/limits.js';
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
  // Warm every path once, so the figures are for conversations, not for loaded code.
  await turns.runTurn({ channel: channelId, conversationKey: 'warm', input: { kind: 'open' } });
  const before = settle();
  for (let i = 0; i < COUNT; i += 1) {
    if (channelId === 'webchat') {
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
