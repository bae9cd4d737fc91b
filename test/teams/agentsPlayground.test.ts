import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import type { AdaptiveCard } from '../../src/channels/render/adaptiveCard.js';
import {
  AgentsPlayground,
  PLAYGROUND_TENANT,
  type PlaygroundConfig,
  type PlaygroundMessage,
} from './support/agentsPlayground.js';

const artifacts = path.resolve(__dirname, '..', '..', 'test-artifacts');

/** The Adaptive Cards in a message, as the Playground received them. */
function cardsOf(message: PlaygroundMessage): AdaptiveCard[] {
  return (message.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as AdaptiveCard);
}

/**
 * A real Teams-like client against the running bot: Microsoft 365 Agents Playground, started
 * on loopback against this app's /api/messages and stopped after. Assertions are on the
 * replies the Playground delivers to its own chat view.
 */
describe('Teams through Microsoft 365 Agents Playground', function () {
  this.timeout(180_000);
  let app: App;
  let playground: AgentsPlayground;
  let config: PlaygroundConfig;

  before(async () => {
    // The Playground's mock tenant is the only one allowed, as a real deployment's own is.
    const settings = loadSettings({ PORT: '0', ALLOWED_TENANTS: PLAYGROUND_TENANT });
    app = createApp(settings, { log: () => undefined });
    const address: AddressInfo = await app.listen(0, '127.0.0.1');
    playground = await AgentsPlayground.start(`http://127.0.0.1:${address.port}/api/messages`);
    config = await playground.config();
  });
  after(async () => {
    await app?.close();
    await playground?.stop();
  });

  const fromBot = (conversationId: string, after = 0) =>
    playground.botMessages(conversationId, config.bot.id, after);
  /** Waits for a bot message, after the first `after`, that satisfies `test`. */
  const botSays = (
    conversationId: string,
    after: number,
    test: (message: PlaygroundMessage) => boolean,
    what: string,
  ) => playground.waitFor(() => fromBot(conversationId, after).find(test), what);
  const withText = (words: string) => (m: PlaygroundMessage) => (m.text ?? '').includes(words);
  const withCardAction = (title: string) => (m: PlaygroundMessage) =>
    cardsOf(m).some((card) => card.actions.some((action) => action.title === title));
  const press = async (conversationId: string, message: PlaygroundMessage, title: string) => {
    const action = cardsOf(message)
      .flatMap((card) => card.actions)
      .find((a) => a.title === title);
    if (!action || action.type !== 'Action.Submit') throw new Error(`no button ${title}`);
    await playground.submit(conversationId, message.messageId, action.data);
  };

  it('uses the tenant the bot allows (so the tenant check is on, not bypassed)', () => {
    expect(config.tenantId).to.equal(PLAYGROUND_TENANT);
  });

  it('a personal chat goes from "hi" to a referral signpost, pressing card buttons on the way', async () => {
    const chat = config.personalChat.id;
    await playground.send(chat, 'hi');
    const opening = await botSays(chat, 0, withText('never type the name'), 'the staff opening');
    expect(opening.text).to.include('999');
    const topic = await botSays(
      chat,
      0,
      withCardAction("I'm supporting someone"),
      'the topic card',
    );

    let seen = fromBot(chat).length;
    await press(chat, topic, "I'm supporting someone");
    const need = await botSays(chat, seen, withCardAction('Where to refer them'), 'the need card');

    seen = fromBot(chat).length;
    await press(chat, need, 'Where to refer them');
    const group = await botSays(chat, seen, withCardAction('A woman'), 'who the support is for');

    seen = fromBot(chat).length;
    await press(chat, group, 'A woman');
    await botSays(chat, seen, withText('Where does the person live'), 'where they live');

    seen = fromBot(chat).length;
    await playground.send(chat, 'Southend');
    const signpost = await botSays(
      chat,
      seen,
      (m) => cardsOf(m).some((card) => card.body[0]?.text === 'SOS Domestic Abuse Projects'),
      'the SOS Domestic Abuse Projects card',
    );
    const card = cardsOf(signpost).find((c) => c.body[0]?.text === 'SOS Domestic Abuse Projects');
    expect(card?.actions).to.deep.include({
      type: 'Action.OpenUrl',
      title: 'Call SOS Domestic Abuse Projects 01702 302333',
      url: 'tel:01702302333',
    });
    expect(card?.fallbackText).to.include('01702 302333');
    await botSays(chat, seen, withText('call 999'), 'the 999 line of the signpost');
    // Kept for the closing note: the card exactly as the client received it.
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(
      path.join(artifacts, 'playground-sos-card.json'),
      `${JSON.stringify(signpost, null, 2)}\n`,
    );
  });

  it('an emergency phrase mid-conversation gets the staff emergency reply, first', async () => {
    const chat = config.personalChat.id;
    await playground.send(chat, 'start over');
    await botSays(
      chat,
      fromBot(chat).length - 1,
      withCardAction("I'm supporting someone"),
      'the topic card',
    );
    let seen = fromBot(chat).length;
    await playground.send(chat, "I'm supporting someone");
    // The Playground shows a reply's words and its card as two messages; the card comes last.
    await botSays(chat, seen, withCardAction('Where to refer them'), 'the need card');

    seen = fromBot(chat).length;
    await playground.send(chat, 'my client says he has a knife and is outside');
    const reply = await botSays(chat, seen, withText('999'), 'the emergency reply');
    const lines = (reply.text ?? '').split('\n').filter(Boolean);
    expect(lines[0]).to.equal(
      'If someone is in immediate danger, call 999 now and ask for the police.',
    );
    expect(lines).to.have.length.at.most(3);
    expect(reply.text).to.include('Tell the operator');
    // Nothing else came first: the emergency reply is the first message after the phrase.
    expect(fromBot(chat, seen)[0]?.messageId).to.equal(reply.messageId);

    // Carrying on resumes the question that was interrupted.
    seen = fromBot(chat).length;
    await playground.send(chat, 'carry on');
    await botSays(chat, seen, withText('What would help most?'), 'the resumed question');
    await botSays(chat, seen, withCardAction('Where to refer them'), 'the resumed card');
  });

  it('a channel message that @mentions Waymark is answered in its thread', async () => {
    const team = config.teams[0];
    const channel = team?.channels[0];
    if (!channel) throw new Error('the Playground has no channel');
    const thread = await playground.send(channel.id, 'hello', config.bot);
    const opening = await botSays(
      thread,
      0,
      withText('never type the name'),
      'the opening in the thread',
    );
    expect(opening.text).not.to.include('<at>');
    await botSays(
      thread,
      0,
      withCardAction("I'm supporting someone"),
      'the topic card in the thread',
    );
  });
});
