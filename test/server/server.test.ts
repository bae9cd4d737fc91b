import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import {
  isMessage,
  type OutgoingActivity,
  type OutgoingMessage,
} from '../../src/channels/render/outgoingActivity.js';

const SECRET_WORDS = 'my-private-words-7731';

describe('server (npm start)', () => {
  let app: App;
  let base: string;
  const logLines: string[] = [];

  before(async () => {
    const settings = loadSettings({ PORT: '0' });
    app = createApp(settings, {
      log: (event, fields) => logLines.push(JSON.stringify({ event, ...fields })),
    });
    const address: AddressInfo = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => app.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  const activity = (conversationId: string, extra: Record<string, unknown>) => ({
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/never-called',
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: 'user-1' },
    recipient: { id: 'waymark' },
    ...extra,
  });

  /** The reply messages of an expectReplies response (not the endOfConversation signal). */
  const replies = async (response: Response): Promise<OutgoingMessage[]> =>
    (await activitiesOf(response)).filter(isMessage);
  const activitiesOf = async (response: Response): Promise<OutgoingActivity[]> => {
    expect(response.status).to.equal(200);
    return ((await response.json()) as { activities: OutgoingActivity[] }).activities;
  };

  it('GET /healthz returns 200 and the content version', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).to.equal(200);
    const body = (await response.json()) as { contentVersion: string };
    expect(body.contentVersion)
      .to.equal(app.content.version)
      .and.match(/^[0-9a-f]{12}$/);
  });

  it('GET /privacy serves the privacy notice', async () => {
    const response = await fetch(`${base}/privacy`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.include('text/html');
    expect(await response.text()).to.include('No person reads the chat');
  });

  it('greets on conversationUpdate with expectReplies, with 999 and a signpost', async () => {
    const activities = await replies(
      await post(
        activity('c-greet', {
          type: 'conversationUpdate',
          membersAdded: [{ id: 'user-1' }],
        }),
      ),
    );
    expect(activities.map((a) => a.channelData.signpost.step)).to.deep.equal([
      'greeting',
      'safe-now',
    ]);
    expect(activities[0]?.text).to.include('999');
    for (const a of activities) {
      expect(a.channelData.signpost).to.include({ contentVersion: app.content.version });
      expect(a.channelData.signpost.services).to.deep.equal([]);
    }
  });

  it('answers an emergency with the emergency reply in the response body', async () => {
    const activities = await replies(
      await post(activity('c-emergency', { type: 'message', text: 'he has a knife' })),
    );
    expect(activities).to.have.length(1);
    expect(activities[0]?.channelData.signpost).to.include({
      urgency: 'emergency',
      step: 'emergency',
    });
    expect(activities[0]?.text.split('\n\n')[0]).to.include('999');
  });

  it('answers 20 KB of markup and control characters kindly, without echoing it', async () => {
    const nasty = `<img src=x onerror=alert(1)>\u0000\u001b[31m${'<b>x</b>'.repeat(2600)}`;
    expect(nasty.length).to.be.greaterThan(20_000);
    const activities = await replies(
      await post(activity('c-big', { type: 'message', text: nasty })),
    );
    expect(activities.map((a) => a.channelData.signpost.step)).to.deep.equal([
      'greeting',
      'message-too-long',
      'safe-now',
    ]);
    const all = JSON.stringify(activities);
    expect(all).to.include('999');
    expect(all).not.to.include('<img').and.not.to.include('<b>').and.not.to.include('onerror');
    const after = await replies(await post(activity('c-big', { type: 'message', text: 'help' })));
    expect(JSON.stringify(after)).to.include('999');
  });

  it('refuses unauthenticated requests that came through a proxy', async () => {
    const response = await post(activity('c-proxy', { type: 'message', text: 'hi' }), {
      'X-Forwarded-For': '203.0.113.9',
    });
    expect(response.status).to.equal(401);
    const forwarded = await post(activity('c-proxy', { type: 'message', text: 'hi' }), {
      Forwarded: 'for=203.0.113.9',
    });
    expect(forwarded.status).to.equal(401);
  });

  it('"exit" forgets the conversation: the next message starts afresh', async () => {
    await post(activity('c-exit', { type: 'message', text: 'hello' }));
    await post(activity('c-exit', { type: 'message', text: 'yes' }));
    const exit = await activitiesOf(
      await post(activity('c-exit', { type: 'message', text: 'Exit' })),
    );
    // The exit reply, then the end of the conversation as an activity, each with a signpost.
    expect(exit.map((a) => [a.type, a.channelData.signpost.step])).to.deep.equal([
      ['message', 'exit'],
      ['endOfConversation', 'exit'],
    ]);
    const next = await replies(await post(activity('c-exit', { type: 'message', text: 'yes' })));
    expect(next[0]?.channelData.signpost.step).to.equal('greeting');
  });

  it('never writes message text to the log', async () => {
    await post(activity('c-log', { type: 'message', text: `${SECRET_WORDS} 07700 900123 a@b.uk` }));
    await post(activity('c-log', { type: 'message', text: `he has a knife ${SECRET_WORDS}` }));
    expect(logLines.length).to.be.greaterThan(0);
    const all = logLines.join('\n');
    expect(all).not.to.include(SECRET_WORDS);
    expect(all).not.to.include('07700');
    expect(all).not.to.include('a@b.uk');
    expect(all).not.to.include('knife');
  });
});
