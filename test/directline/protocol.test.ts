import { expect } from 'chai';
import {
  openConversation,
  poll,
  postMessage,
  request,
  startServer,
  type TestServer,
} from './helpers.js';

describe('Direct Line channel: protocol', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('generates a token bound to a new conversation, and starting it queues the greeting', async () => {
    const generated = await request(server.url, 'POST', '/v3/directline/tokens/generate', {
      token: 'test-secret-value',
    });
    expect(generated.status).to.equal(200);
    const { conversationId, token, expires_in } = generated.json;
    expect(conversationId).to.be.a('string');
    expect(expires_in).to.equal(30 * 60);

    const started = await request(server.url, 'POST', '/v3/directline/conversations', {
      token,
      body: JSON.stringify({ user: { id: 'r_abc' }, locale: 'en-GB' }),
    });
    expect(started.status).to.equal(201);
    expect(started.json.conversationId).to.equal(conversationId);
    expect(started.json.token).to.be.a('string');
    expect(started.json.expires_in).to.equal(30 * 60);

    const first = await poll(server.url, conversationId, token);
    expect(first.status).to.equal(200);
    expect(first.json.activities).to.have.length(1);
    const greeting = first.json.activities[0];
    expect(greeting.text).to.contain('999');
    expect(greeting.channelId).to.equal('webchat');
    expect(greeting.from).to.deep.equal({ id: 'waymark', name: 'Waymark', role: 'bot' });
    expect(greeting.channelData.signpost.step).to.equal('greeting');

    // Starting again does not greet twice.
    await request(server.url, 'POST', '/v3/directline/conversations', { token });
    const again = await poll(server.url, conversationId, token);
    expect(again.json.activities).to.have.length(1);
  });

  it('echoes the user activity as plain text with its id and clientActivityID, then the reply', async () => {
    const { conversationId, token } = await openConversation(server.url, { user: { id: 'r_me' } });
    const posted = await postMessage(server.url, conversationId, token, '<b>hello</b>', 'client-1');
    expect(posted.status).to.equal(200);
    expect(posted.json.id).to.be.a('string');

    const reply = await poll(server.url, conversationId, token);
    const [, echo, answer] = reply.json.activities;
    expect(echo.id).to.equal(posted.json.id);
    expect(echo.type).to.equal('message');
    expect(echo.text).to.equal('<b>hello</b>');
    expect(echo.textFormat).to.equal('plain');
    expect(echo.from).to.deep.equal({ id: 'r_me', role: 'user' });
    expect(echo.channelData).to.deep.equal({ clientActivityID: 'client-1' });
    expect(answer.text).to.equal('got 12');
    expect(answer.channelData.signpost.step).to.equal('echo');
    expect(answer.replyToId).to.equal(posted.json.id);
  });

  it('never lets serviceUrl, deliveryMode or other internals out', async () => {
    const { conversationId, token } = await openConversation(server.url);
    await postMessage(server.url, conversationId, token, 'hi');
    const reply = await poll(server.url, conversationId, token);
    for (const key of ['serviceUrl', 'deliveryMode', 'relatesTo', 'callerId', 'urn:waymark']) {
      expect(reply.text).not.to.contain(key);
    }
    // The bot saw a normal webchat turn.
    expect(server.bot.turns[0]?.channel).to.equal('webchat');
    expect(server.bot.turns[0]?.conversationKey).to.equal(conversationId);
  });

  it('drops activities once the client has read past them', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const first = await poll(server.url, conversationId, token);
    const mark = first.json.watermark;
    expect(mark).to.be.a('string');

    await postMessage(server.url, conversationId, token, 'one');
    const second = await poll(server.url, conversationId, token, mark);
    expect(second.json.activities.map((a: { text: string }) => a.text)).to.deep.equal([
      'one',
      'got 3',
    ]);
    // The greeting was acknowledged by the watermark, so it is gone even without one.
    const all = await poll(server.url, conversationId, token);
    expect(all.json.activities).to.have.length(2);
    const after = await poll(server.url, conversationId, token, second.json.watermark);
    expect(after.json.activities).to.have.length(0);
    expect(after.json.watermark).to.equal(second.json.watermark);
    const empty = await poll(server.url, conversationId, token);
    expect(empty.json.activities).to.have.length(0);
  });

  it('refreshes tokens and resumes conversations', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const refreshed = await request(server.url, 'POST', '/v3/directline/tokens/refresh', { token });
    expect(refreshed.status).to.equal(200);
    expect(refreshed.json.conversationId).to.equal(conversationId);
    expect(refreshed.json.token).not.to.equal(token);
    expect((await poll(server.url, conversationId, refreshed.json.token)).status).to.equal(200);

    const resumed = await request(
      server.url,
      'GET',
      `/v3/directline/conversations/${conversationId}?watermark=1`,
      { token: refreshed.json.token },
    );
    expect(resumed.status).to.equal(200);
    expect(resumed.json.conversationId).to.equal(conversationId);
    expect((await poll(server.url, conversationId, resumed.json.token)).status).to.equal(200);
  });

  it('never uses or accepts user ids starting with dl_', async () => {
    const { conversationId, token } = await openConversation(server.url, { user: { id: 'dl_x' } });
    await postMessage(server.url, conversationId, token, 'hi');
    const reply = await poll(server.url, conversationId, token);
    for (const activity of reply.json.activities) {
      expect(activity.from.id).not.to.match(/^dl_/i);
      if (activity.recipient) expect(activity.recipient.id).not.to.match(/^dl_/i);
    }
  });

  it('acknowledges typing without a turn, and runs event activities', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    const typing = await request(server.url, 'POST', path, { token, body: '{"type":"typing"}' });
    expect(typing.status).to.equal(200);
    const event = await request(server.url, 'POST', path, {
      token,
      body: JSON.stringify({
        type: 'event',
        name: 'webchat/join',
        channelData: { clientActivityID: 'e1' },
      }),
    });
    expect(event.status).to.equal(200);
    const reply = await poll(server.url, conversationId, token);
    const echo = reply.json.activities.find((a: { id: string }) => a.id === event.json.id);
    expect(echo).to.include({ type: 'event', name: 'webchat/join' });
    expect(server.bot.turns).to.have.length(0);
  });

  it('answers 502 if the turn runner ever rejects, and keeps serving', async () => {
    const { conversationId, token } = await openConversation(server.url);
    const failed = await postMessage(server.url, conversationId, token, 'boom');
    expect(failed.status).to.equal(502);
    const ok = await postMessage(server.url, conversationId, token, 'fine');
    expect(ok.status).to.equal(200);
  });
});
