import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import type { OutgoingActivity } from '../../src/channels/render/outgoingActivity.js';
import { poll, request } from '../directline/helpers.js';
import { SmsHarness } from '../sms/smsHarness.js';

/**
 * A choice can come back as its stable value (a card submit, an invoke, a postBack) or as
 * words (a button's label sent as text, or typed), on every channel that can send each.
 * At "are you safe right now?", the choice "yes" moves on to "can you chat?". Teams is in
 * test/teams/: a card's Action.Submit value and an adaptiveCard/action invoke
 * (teamsActivities.test.ts), and words ("where to refer", "yes": staffConversation.test.ts).
 */
const ANSWERS = [
  ['its value, with no text', { text: '', value: { choice: 'yes' } }],
  ['the words of its label', { text: "Yes, I'm safe right now" }],
  ['words of its own', { text: 'yeah im ok' }],
] as const;

describe('a choice comes back as its value or as words, on every channel', function () {
  this.timeout(60_000);
  let app: App;
  let base: string;

  before(async () => {
    app = createApp(loadSettings({ PORT: '0', DIRECT_LINE_SECRET: 'choice-test-secret' }), {
      log: () => undefined,
    });
    const address: AddressInfo = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(() => app.close());

  /** Posts an activity to /api/messages with expectReplies; returns the reply step ids. */
  const apiMessages = async (channelId: string, conversation: string, extra: object) => {
    const response = await request(base, 'POST', '/api/messages', {
      body: JSON.stringify({
        type: 'message',
        channelId,
        deliveryMode: 'expectReplies',
        serviceUrl: 'http://127.0.0.1:9/never-called',
        conversation: { id: conversation },
        from: { id: 'user-1' },
        recipient: { id: 'waymark' },
        ...extra,
      }),
    });
    expect(response.status, response.text).to.equal(200);
    return (response.json.activities as OutgoingActivity[]).map(
      (activity) => activity.channelData.signpost.step,
    );
  };

  for (const channelId of ['webchat', 'directline', 'emulator']) {
    for (const [how, answer] of ANSWERS) {
      it(`/api/messages (${channelId}): as ${how}`, async () => {
        const conversation = `choice-${channelId}-${how}`;
        expect(await apiMessages(channelId, conversation, { text: 'hello' })).to.deep.equal([
          'greeting',
          'safe-now',
        ]);
        expect(await apiMessages(channelId, conversation, answer)).to.deep.equal(['can-chat']);
      });
    }
  }

  for (const [how, answer] of ANSWERS) {
    it(`the web chat's own Direct Line: as ${how}`, async () => {
      const issued = (await request(base, 'POST', '/api/webchat/token')).json as {
        token: string;
        conversationId: string;
      };
      const started = await request(base, 'POST', '/v3/directline/conversations', {
        token: issued.token,
        body: JSON.stringify({ user: { id: 'r_person' } }),
      });
      expect(started.status).to.equal(201);
      const token = started.json.token as string;
      const path = `/v3/directline/conversations/${issued.conversationId}/activities`;
      const posted = await request(base, 'POST', path, {
        token,
        body: JSON.stringify({ type: 'message', from: { id: 'r_person' }, ...answer }),
      });
      expect(posted.status, posted.text).to.equal(200);
      const activities = (await poll(base, issued.conversationId, token)).json.activities as {
        from: { role: string };
        channelData?: { signpost?: { step: string } };
      }[];
      const steps = activities
        .filter((activity) => activity.from.role === 'bot')
        .map((activity) => activity.channelData?.signpost?.step);
      expect(steps).to.deep.equal(['greeting', 'safe-now', 'can-chat']);
    });
  }

  it('SMS: by its number, the words of its label, or words of its own', async () => {
    const sms = await new SmsHarness().start({ SMS_RATE_MESSAGES: '100' });
    try {
      for (const [index, answer] of ['1', "Yes, I'm safe right now", 'yeah im ok'].entries()) {
        const person = `+4477009002${String(index).padStart(2, '0')}`;
        await sms.text(person, 'hi');
        const [next = ''] = await sms.text(person, answer);
        expect(next, answer).to.match(/^Is it safe for you to chat/);
      }
    } finally {
      await sms.stop();
    }
  });
});
