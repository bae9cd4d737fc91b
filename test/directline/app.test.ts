import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { poll, postMessage, request } from './helpers.js';

const PRIVATE_WORDS = 'my-private-words-5120';

interface Polled {
  id: string;
  text?: string;
  from: { role: string };
  channelData?: { signpost?: { step: string; urgency: string } };
}

describe('Direct Line channel: through the real Waymark app', () => {
  let app: App;
  let base: string;
  const logLines: string[] = [];

  before(async () => {
    const settings = loadSettings({ PORT: '0', DIRECT_LINE_SECRET: 'app-test-secret' });
    app = createApp(settings, {
      log: (event, fields) => logLines.push(JSON.stringify({ event, ...fields })),
    });
    const address: AddressInfo = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => app.close());

  const open = async () => {
    const issued = (await request(base, 'POST', '/api/webchat/token')).json;
    const started = await request(base, 'POST', '/v3/directline/conversations', {
      token: issued.token,
      body: JSON.stringify({ user: { id: 'r_person' }, locale: 'en-GB' }),
    });
    expect(started.status).to.equal(201);
    return { conversationId: issued.conversationId as string, token: started.json.token as string };
  };
  const botReplies = async (conversationId: string, token: string): Promise<Polled[]> =>
    ((await poll(base, conversationId, token)).json.activities as Polled[]).filter(
      (activity) => activity.from.role === 'bot',
    );

  it('greets with 999 and a signpost before the person types', async () => {
    const { conversationId, token } = await open();
    const replies = await botReplies(conversationId, token);
    expect(replies[0]?.text).to.contain('999');
    for (const reply of replies)
      expect(reply.channelData?.signpost).to.include.keys('urgency', 'step');
    expect(replies[0]?.channelData?.signpost?.step).to.equal('greeting');
  });

  it('answers an emergency phrase with the emergency reply, even past the flood limit', async () => {
    const { conversationId, token } = await open();
    for (let i = 0; i < 20; i++) await postMessage(base, conversationId, token, 'not sure');
    const refused = await postMessage(base, conversationId, token, 'not sure');
    expect(refused.status).to.equal(429);
    const emergency = await postMessage(
      base,
      conversationId,
      token,
      'he is outside the door with a knife',
    );
    expect(emergency.status).to.equal(200);
    const replies = await botReplies(conversationId, token);
    const last = replies[replies.length - 1];
    expect(last?.channelData?.signpost).to.include({ step: 'emergency', urgency: 'emergency' });
    expect(last?.text).to.contain('999');
  });

  it('answers an oversized message kindly with 999, and its start still reaches urgency detection', async () => {
    const { conversationId, token } = await open();
    const long = await postMessage(
      base,
      conversationId,
      token,
      `${PRIVATE_WORDS} ${'x'.repeat(300_000)}`,
    );
    expect(long.status).to.equal(413);
    const replies = await botReplies(conversationId, token);
    expect(replies.map((r) => r.channelData?.signpost?.step)).to.include('message-too-long');
    expect(replies.some((r) => r.text?.includes('999'))).to.equal(true);

    const urgent = await postMessage(
      base,
      conversationId,
      token,
      `he is here now ${'y'.repeat(300_000)}`,
    );
    expect(urgent.status).to.equal(413);
    const after = await botReplies(conversationId, token);
    expect(after[after.length - 1]?.channelData?.signpost?.urgency).to.equal('emergency');
  });

  it('exit deletes the conversation, and no message text reaches the logs', async () => {
    const { conversationId, token } = await open();
    await postMessage(base, conversationId, token, PRIVATE_WORDS);
    const exit = await postMessage(base, conversationId, token, 'exit');
    expect(exit.status).to.equal(200);
    expect([403, 404]).to.include((await poll(base, conversationId, token)).status);
    const logs = logLines.join('\n');
    expect(logs).not.to.contain(PRIVATE_WORDS);
    expect(logs).not.to.contain(token);
    expect(logs).not.to.contain('app-test-secret');
  });
});
