// Memory of 10,000 active conversations on one channel, in a process of its own, as `npm
// start` runs the bot: the compiled app (dist/, built by the bench first) with everything it
// loads and warms, plain node (no tsx), run with --expose-gc. Prints one JSON line.
//
// CHANNEL=webchat drives a Direct Line channel built as the app builds its own (greeting and
// one message each, so their replies wait unread); CHANNEL=sms turns SMS on and drives the
// app's SMS channel (per-number queue, burst limit, MessageSid memory) with sends that go
// nowhere; any other channel runs the app's turn service, as the Bot Framework endpoint does.
'use strict';
const { Buffer } = require('node:buffer');
const dist = (path) => require(`../../dist/${path}`);
const { createApp } = dist('app.js');
const { loadSettings } = dist('config/settings.js');
const { DirectLineChannel } = dist('channels/directline/DirectLineChannel.js');
const { resolveLimits } = dist('channels/directline/limits.js');
const { createMemoryStatePort } = dist('state/createMemoryStatePort.js');

const COUNT = Number(process.env.COUNT || '10000');
const channelId = process.env.CHANNEL || 'webchat';
const SMS = {
  PUBLIC_URL: 'https://waymark.example.org',
  TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'bench-auth-token-0123456789abcdef',
  TWILIO_FROM: '+447700900001',
  SMS_KEY: 'bench-sms-key-that-is-at-least-32-characters',
  // Never called: the SMS channel's sender is replaced below.
  TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
};

function settle() {
  for (let i = 0; i < 3; i += 1) global.gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

async function main() {
  const store = createMemoryStatePort();
  let maxStateBytes = 0;
  const state = {
    read: (key) => store.read(key),
    write: (key, value, version, expiresAt) => {
      maxStateBytes = Math.max(maxStateBytes, Buffer.byteLength(JSON.stringify(value)));
      return store.write(key, value, version, expiresAt);
    },
    delete: (key) => store.delete(key),
    close: () => store.close(),
  };
  const settings = loadSettings(channelId === 'sms' ? { ...process.env, ...SMS } : process.env);
  const app = createApp(settings, { log: () => undefined, state });
  await app.warm();
  await app.listen(0, '127.0.0.1');
  const channel = new DirectLineChannel({
    turns: app.turns,
    settings,
    log: () => undefined,
    isEmergency: () => false,
    limits: resolveLimits({}),
  });
  const sms = app.sms && app.sms.channel;
  if (sms) sms.deps.sender = { sendAll: () => Promise.resolve('sent') };
  const turn = (key, input) =>
    app.turns.runTurn({ channel: channelId, conversationKey: key, input });
  // Warm every path once, walking to a signpost so the largest state written is a deep one.
  await turn('warm', { kind: 'open' });
  for (const text of ['yes', 'yes', 'me', 'somewhere to stay', 'SS0 7AB'])
    await turn('warm', { kind: 'message', text });
  const before = settle();
  for (let i = 0; i < COUNT; i += 1) {
    if (sms) {
      const From = `+4477009${String(i).padStart(5, '0')}`;
      await sms.receive({ From, Body: 'hi', MessageSid: `SM${i}a` });
      await sms.receive({ From, Body: 'yes', MessageSid: `SM${i}b` });
      if (i % 100 === 99) await sms.idle();
    } else if (channelId === 'webchat') {
      const conversation = channel.store.create(`user-${i}`);
      await channel.start(conversation);
      await channel.post(conversation, { type: 'message', text: 'yes', textFormat: 'plain' });
    } else {
      await turn(`conversation-${i}`, { kind: 'open' });
      await turn(`conversation-${i}`, { kind: 'message', text: 'yes' });
    }
  }
  if (sms) await sms.idle();
  const after = settle();
  process.stdout.write(
    `${JSON.stringify({
      channel: channelId,
      conversations: COUNT,
      heapBeforeMB: before.heap / 2 ** 20,
      heapAfterMB: after.heap / 2 ** 20,
      rssBeforeMB: before.rss / 2 ** 20,
      rssAfterMB: after.rss / 2 ** 20,
      perConversationKB: (after.heap - before.heap) / COUNT / 1024,
      maxStateBytes,
    })}\n`,
  );
  channel.close();
  await app.close();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
