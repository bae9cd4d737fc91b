import { expect } from 'chai';
import { request, startServer, type TestServer } from './helpers.js';

const TOKEN = '/api/webchat/token';

/** A token request as a browser (or a proxied client, by its address) would send it. */
const askForToken = (server: TestServer, headers: Record<string, string> = {}) =>
  request(server.url, 'POST', TOKEN, { headers });

describe('the token endpoint cannot fill the conversation store (issue 6, defect 3)', function () {
  this.timeout(60_000);
  let server: TestServer;
  afterEach(() => server?.close());

  it('limits new chats per client, with Retry-After, while other clients still get in', async () => {
    server = await startServer({ WEBCHAT_TOKENS_PER_MINUTE: '5', TRUSTED_PROXIES: '127.0.0.1' });
    const flooder = { 'X-Forwarded-For': '203.0.113.9' };
    for (let i = 0; i < 5; i += 1)
      expect((await askForToken(server, flooder)).status).to.equal(200);
    const refused = await askForToken(server, flooder);
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
    expect(refused.text).not.to.include('203.0.113.9');
    expect((await askForToken(server, { 'X-Forwarded-For': '198.51.100.7' })).status).to.equal(200);
  });

  it('does not believe X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    server = await startServer({ WEBCHAT_TOKENS_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i += 1) {
      const spoofed = { 'X-Forwarded-For': `192.0.2.${i}` };
      expect((await askForToken(server, spoofed)).status).to.equal(200);
    }
    expect((await askForToken(server, { 'X-Forwarded-For': '192.0.2.99' })).status).to.equal(429);
  });

  it('refuses a token to a page on an origin that is not allowed', async () => {
    server = await startServer({ ALLOWED_ORIGINS: 'https://charity.example' });
    const evil = await askForToken(server, { Origin: 'https://evil.example' });
    expect(evil.status).to.equal(403);
    expect(evil.text).not.to.include('evil');
    expect((await askForToken(server, { Origin: 'null' })).status).to.equal(403);
    expect((await askForToken(server, { Origin: 'https://charity.example' })).status).to.equal(200);
    const own = new URL(server.url).origin;
    expect((await askForToken(server, { Origin: own })).status).to.equal(200);
  });

  it("with ALLOWED_ORIGINS unset, only the bot's own origin may ask from a browser", async () => {
    server = await startServer();
    expect((await askForToken(server, { Origin: 'https://charity.example' })).status).to.equal(403);
    expect((await askForToken(server, { Origin: new URL(server.url).origin })).status).to.equal(
      200,
    );
  });

  it('keeps room for callers holding the secret when browsers have filled their share', async () => {
    server = await startServer(
      { TRUSTED_PROXIES: '127.0.0.1' },
      { limits: { maxConversations: 10, browserShare: 0.5 } },
    );
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push((await askForToken(server, { 'X-Forwarded-For': `198.51.100.${i}` })).status);
    }
    expect(statuses.filter((status) => status === 200)).to.have.length(5);
    expect(statuses.slice(5)).to.deep.equal([503, 503, 503]);
    const withSecret = await request(server.url, 'POST', '/v3/directline/conversations', {
      token: 'test-secret-value',
      body: '{}',
    });
    expect(withSecret.status).to.equal(201);
  });

  it('lets a conversation whose token was never used expire quickly', async () => {
    server = await startServer(
      {},
      { limits: { unopenedIdleMs: 100, unusedIdleMs: 100, sweepIntervalMs: 50 } },
    );
    const issued = (await askForToken(server)).json as { token: string };
    let status = 0;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const opened = await request(server.url, 'POST', '/v3/directline/conversations', {
        token: issued.token,
        body: '{}',
      });
      status = opened.status;
      if (status === 404) break;
    }
    expect(status).to.equal(404);
  });
});
