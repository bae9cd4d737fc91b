import { expect } from 'chai';
import { TokenService } from '../../src/channels/directline/tokens.js';
import {
  openConversation,
  poll,
  postMessage,
  request,
  startServer,
  type TestServer,
} from './helpers.js';

describe('Direct Line channel: authorization', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer({ DIRECT_LINE_TOKEN_MINUTES: '5' });
  });
  afterEach(async () => {
    await server.close();
  });

  it('answers 403 to a missing or wrong credential, before looking the conversation up', async () => {
    const { conversationId } = await openConversation(server.url);
    expect((await poll(server.url, conversationId, '')).status).to.equal(403);
    expect((await poll(server.url, conversationId, 'not-a-token')).status).to.equal(403);
    expect((await poll(server.url, 'no-such-conversation', 'nope')).status).to.equal(403);
    const forged = new TokenService('another-secret', 300).issue(conversationId).token;
    expect((await poll(server.url, conversationId, forged)).status).to.equal(403);
    expect((await postMessage(server.url, conversationId, forged, 'hi')).status).to.equal(403);
    const noAuth = await request(server.url, 'POST', '/v3/directline/conversations');
    expect(noAuth.status).to.equal(403);
  });

  it('answers 404 for an unknown conversation once the credential is good', async () => {
    expect((await poll(server.url, 'unknownconversation', 'test-secret-value')).status).to.equal(
      404,
    );
    const resume = await request(server.url, 'GET', '/v3/directline/conversations/unknown', {
      token: 'test-secret-value',
    });
    expect(resume.status).to.equal(404);
  });

  it('never lets a token for one conversation read or post to another', async () => {
    const a = await openConversation(server.url);
    const b = await openConversation(server.url);
    expect((await poll(server.url, b.conversationId, a.token)).status).to.equal(403);
    expect((await postMessage(server.url, b.conversationId, a.token, 'hi')).status).to.equal(403);
    const resume = await request(
      server.url,
      'GET',
      `/v3/directline/conversations/${b.conversationId}`,
      {
        token: a.token,
      },
    );
    expect(resume.status).to.equal(403);
    expect((await poll(server.url, a.conversationId, a.token)).status).to.equal(200);
  });

  it('answers 403 to an expired token, and expires tokens after DIRECT_LINE_TOKEN_MINUTES', async () => {
    const { conversationId, token } = await openConversation(server.url);
    expect(
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).exp,
    ).to.be.closeTo(Date.now() / 1000 + 300, 5);
    // Correctly signed with the server's secret, but issued six minutes ago.
    const past = new TokenService('test-secret-value', 300, () => Date.now() - 6 * 60_000);
    const expired = past.issue(conversationId).token;
    const reply = await poll(server.url, conversationId, expired);
    expect(reply.status).to.equal(403);
    expect(reply.json.error.code).to.equal('TokenExpired');
    const refresh = await request(server.url, 'POST', '/v3/directline/tokens/refresh', {
      token: expired,
    });
    expect(refresh.status).to.equal(403);
    expect((await poll(server.url, conversationId, token)).status).to.equal(200);
  });

  it('generates tokens only with the secret, and refreshes only with a token', async () => {
    const { token } = await openConversation(server.url);
    const generate = await request(server.url, 'POST', '/v3/directline/tokens/generate', { token });
    expect(generate.status).to.equal(403);
    const refresh = await request(server.url, 'POST', '/v3/directline/tokens/refresh', {
      token: 'test-secret-value',
    });
    expect(refresh.status).to.equal(403);
  });

  it('deletes the conversation when the bot says exit, so its token then fails', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const exit = await postMessage(server.url, conversationId, token, 'exit');
    expect(exit.status).to.equal(200);
    expect([403, 404]).to.include((await poll(server.url, conversationId, token)).status);
    expect([403, 404]).to.include(
      (await postMessage(server.url, conversationId, token, 'hi')).status,
    );
    const refresh = await request(server.url, 'POST', '/v3/directline/tokens/refresh', { token });
    expect([403, 404]).to.include(refresh.status);
    const restart = await request(server.url, 'POST', '/v3/directline/conversations', { token });
    expect([403, 404]).to.include(restart.status);
    expect(server.forgotten).to.deep.include(['webchat', conversationId]);
  });

  it('checks token signatures and expiry', () => {
    let now = 1_000_000_000_000;
    const service = new TokenService('s3cret', 60, () => now);
    const { token, expires_in } = service.issue('conv1', 'user1');
    expect(expires_in).to.equal(60);
    expect(service.check(token)).to.deep.include({ kind: 'token' });
    expect(service.check('s3cret')).to.deep.equal({ kind: 'secret' });
    expect(service.check(`${token}x`)).to.deep.equal({ kind: 'invalid' });
    const [h, p, s] = token.split('.');
    const tampered = Buffer.from(JSON.stringify({ conv: 'conv2', exp: 9e12 })).toString(
      'base64url',
    );
    expect(service.check(`${h}.${tampered}.${s}`)).to.deep.equal({ kind: 'invalid' });
    expect(service.check(`${h}.${p}`)).to.deep.equal({ kind: 'invalid' });
    now += 61_000;
    expect(service.check(token).kind).to.equal('expired');
  });
});
