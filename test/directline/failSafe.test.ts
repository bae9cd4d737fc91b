import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { poll, postMessage, request } from './helpers.js';

interface Polled {
  text?: string;
  from: { role: string };
  channelData?: { signpost?: { step: string; urgency: string } };
}

/**
 * Issue 6, defect 5. `PUBLIC_URL=bot.example.org` made link rendering throw outside the
 * bot's try, so the web channel answered 502 and showed nothing, not even 999. Settings now
 * refuse such a value (see test/server/settings.test.ts); here the same renderer fault is
 * injected by handing the app settings that skipped validation.
 */
describe('fail-safe on the web channel when rendering fails (issue 6, defect 5)', () => {
  let app: App;
  let base: string;

  before(async () => {
    const settings = {
      ...loadSettings({ PORT: '0', DIRECT_LINE_SECRET: 'fail-safe-secret' }),
      PUBLIC_URL: 'bot.example.org',
    };
    app = createApp(settings, { log: () => undefined });
    base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
  });
  after(() => app.close());

  const open = async () => {
    const issued = (await request(base, 'POST', '/api/webchat/token')).json;
    const started = await request(base, 'POST', '/v3/directline/conversations', {
      token: issued.token,
      body: JSON.stringify({ user: { id: 'r_person' } }),
    });
    expect(started.status).to.equal(201);
    return { conversationId: issued.conversationId as string, token: started.json.token as string };
  };
  const botReplies = async (conversationId: string, token: string) =>
    ((await poll(base, conversationId, token)).json.activities as Polled[]).filter(
      (activity) => activity.from.role === 'bot',
    );

  it('the greeting still shows 999', async () => {
    const { conversationId, token } = await open();
    const replies = await botReplies(conversationId, token);
    expect(replies.length).to.be.greaterThan(0);
    expect(JSON.stringify(replies)).to.include('999');
  });

  it('words of danger still get the emergency reply, with 999 first', async () => {
    const { conversationId, token } = await open();
    const danger = await postMessage(base, conversationId, token, "he's here and he has a knife");
    expect(danger.status).to.equal(200);
    const emergency = (await botReplies(conversationId, token)).at(-1);
    expect(emergency?.channelData?.signpost).to.include({ urgency: 'emergency' });
    expect(emergency?.text?.split('\n')[0]).to.include('999');
  });

  it('any other message gets a reply with 999', async () => {
    const { conversationId, token } = await open();
    for (const text of ['yes', 'somewhere to stay', 'SS0 7AB']) {
      expect((await postMessage(base, conversationId, token, text)).status).to.equal(200);
    }
    const last = (await botReplies(conversationId, token)).at(-1);
    expect(last?.text).to.include('999');
  });
});
