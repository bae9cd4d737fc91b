import http from 'node:http';
import { expect } from 'chai';
import {
  EMERGENCY_PHRASE,
  openConversation,
  poll,
  postMessage,
  request,
  startServer,
  type TestServer,
} from './helpers.js';

const texts = (reply: { json: { activities: { text?: string }[] } }) =>
  reply.json.activities.map((activity) => activity.text);

describe('Direct Line channel: bad input and limits', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('answers 400 to malformed JSON or a body that is not an activity', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    for (const body of ['{"type":"message",', 'null', '[1,2]', '{"text":"no type"}', '\u0000']) {
      const reply = await request(server.url, 'POST', path, { token, body });
      expect(reply.status, body).to.equal(400);
    }
    const badStart = await request(server.url, 'POST', '/v3/directline/conversations', {
      token: 'test-secret-value',
      body: '{oops',
    });
    expect(badStart.status).to.equal(400);
    expect((await postMessage(server.url, conversationId, token, 'still fine')).status).to.equal(
      200,
    );
  });

  it('answers 413 to a body over 256 KB, but the first 8 KB of its text reach the bot', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const text = 'a'.repeat(300 * 1024);
    const reply = await postMessage(server.url, conversationId, token, text);
    expect(reply.status).to.equal(413);
    const turn = server.bot.turns[0];
    expect(turn?.text).to.have.length(8192);
    expect(turn?.limit).to.equal('size');
    const polled = await poll(server.url, conversationId, token);
    expect(texts(polled)).to.include('limit size 8192; call 999');
    // The oversized text is not echoed back.
    expect(polled.text.length).to.be.below(10_000);
  });

  it('still answers an emergency phrase at the start of an oversized message', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const text = `${EMERGENCY_PHRASE} ${'b'.repeat(400 * 1024)}`;
    expect((await postMessage(server.url, conversationId, token, text)).status).to.equal(413);
    expect(texts(await poll(server.url, conversationId, token))).to.include('Call 999 now.');
  });

  it('finds the text after large other fields, decodes escapes, and cuts off huge uploads', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const body = JSON.stringify({
      type: 'message',
      channelData: { clientActivityID: 'x', padding: 'p'.repeat(300 * 1024) },
      text: `caf\u00e9 "quoted" ${'c'.repeat(9000)}`,
    });
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    expect((await request(server.url, 'POST', path, { token, body })).status).to.equal(413);
    expect(server.bot.turns[0]?.text?.startsWith('café "quoted" ccc')).to.equal(true);
    expect(server.bot.turns[0]?.text).to.have.length(8192);

    const huge = Buffer.alloc(9 * 1024 * 1024, 0x61);
    const cut = await request(server.url, 'POST', path, { token, body: huge }).catch(
      () => undefined,
    );
    if (cut) expect(cut.status).to.equal(413);
    expect((await postMessage(server.url, conversationId, token, 'after')).status).to.equal(200);
  });

  it('answers 429 with Retry-After to a flood, without disturbing another conversation', async () => {
    const flooded = await openConversation(server.url);
    const other = await openConversation(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const reply = await postMessage(server.url, flooded.conversationId, flooded.token, `m${i}`);
      statuses.push(reply.status);
      if (reply.status === 429) {
        expect(Number(reply.headers['retry-after'])).to.be.within(1, 10);
      }
    }
    expect(statuses.slice(0, 20).every((status) => status === 200)).to.equal(true);
    expect(statuses.slice(20).every((status) => status === 429)).to.equal(true);
    expect(
      (await postMessage(server.url, other.conversationId, other.token, 'hi')).status,
    ).to.equal(200);
    // The flooding client was told kindly, once, with 999.
    const polled = await poll(server.url, flooded.conversationId, flooded.token);
    expect(texts(polled).filter((text) => text?.startsWith('limit rate'))).to.have.length(1);
  });

  it('lets a message with an emergency phrase through the flood limit', async () => {
    const { conversationId, token } = await openConversation(server.url);
    for (let i = 0; i < 21; i++) await postMessage(server.url, conversationId, token, `m${i}`);
    expect((await postMessage(server.url, conversationId, token, 'again')).status).to.equal(429);
    const urgent = await postMessage(
      server.url,
      conversationId,
      token,
      `please ${EMERGENCY_PHRASE}`,
    );
    expect(urgent.status).to.equal(200);
    expect(texts(await poll(server.url, conversationId, token))).to.include('Call 999 now.');
  });

  it('survives a client that disconnects in the middle of a body', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const url = new URL(`${server.url}/v3/directline/conversations/${conversationId}/activities`);
    await new Promise<void>((resolve) => {
      const req = http.request(url, {
        method: 'POST',
        agent: false,
        headers: { Authorization: `Bearer ${token}`, 'Content-Length': '100000' },
      });
      req.on('error', () => resolve());
      req.write('{"type":"message","text":"');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect((await postMessage(server.url, conversationId, token, 'after')).status).to.equal(200);
  });
});
