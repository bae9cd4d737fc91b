import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { postMessage, request } from './helpers.js';

/** The flood limit comes from settings, so a load test can raise it and production keeps 20. */
describe('Direct Line flood limit: DIRECT_LINE_RATE_MESSAGES', () => {
  const apps: App[] = [];
  after(() => Promise.all(apps.map((app) => app.close())));

  const start = async (env: Record<string, string>) => {
    const app = createApp(loadSettings({ PORT: '0', DIRECT_LINE_SECRET: 'rate-secret', ...env }), {
      log: () => undefined,
    });
    apps.push(app);
    const base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
    const opened = await request(base, 'POST', '/v3/directline/conversations', {
      token: 'rate-secret',
      body: '{}',
    });
    expect(opened.status).to.equal(201);
    return { base, id: opened.json.conversationId as string, token: opened.json.token as string };
  };
  const statuses = async (chat: { base: string; id: string; token: string }, count: number) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i += 1)
      seen.push((await postMessage(chat.base, chat.id, chat.token, 'not sure')).status);
    return seen;
  };

  it('answers 429 past a lowered limit', async () => {
    const seen = await statuses(await start({ DIRECT_LINE_RATE_MESSAGES: '3' }), 5);
    expect(seen).to.deep.equal([200, 200, 200, 429, 429]);
  });

  it('accepts more than the default 20 when raised', async () => {
    const seen = await statuses(await start({ DIRECT_LINE_RATE_MESSAGES: '100' }), 25);
    expect(seen.every((status) => status === 200)).to.equal(true);
  });

  it('keeps 20 in 10 seconds by default', async () => {
    const seen = await statuses(await start({}), 21);
    expect(seen.slice(0, 20).every((status) => status === 200)).to.equal(true);
    expect(seen[20]).to.equal(429);
  });
});
