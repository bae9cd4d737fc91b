import { expect } from 'chai';
import { isMessage, type OutgoingActivity } from '../../src/channels/render/outgoingActivity.js';
import { freshState } from '../../src/engine/runTurn.js';
import { createMemoryStatePort } from '../../src/state/createMemoryStatePort.js';
import type { StatePort } from '../../src/state/StatePort.js';
import { stateKey } from '../../src/turns/stateKey.js';
import type { ChannelInput } from '../../src/turns/TurnRunner.js';
import { TurnService } from '../../src/turns/TurnService.js';
import { realConversation, TEST_NOW } from '../support/botHarness.js';

const steps = (activities: OutgoingActivity[]) =>
  activities.map((activity) => activity.channelData.signpost.step);

function service(state: StatePort, events: string[] = [], linkBase = 'http://localhost:3978') {
  const conversation = realConversation();
  return new TurnService({
    dialogs: new Map([[conversation.dialogId, conversation]]),
    defaultDialog: conversation.dialogId,
    state,
    ttlMinutes: 30,
    log: (event) => events.push(event),
    linkBase,
    now: () => TEST_NOW,
  });
}

const memory = () => createMemoryStatePort(() => TEST_NOW.getTime());
const say = (text: string): ChannelInput => ({ kind: 'message', text });

describe('TurnService.runTurn', () => {
  it('reads, runs, renders and saves: the next turn carries on', async () => {
    const turns = service(memory());
    const request = { channel: 'webchat', conversationKey: 'a' };
    const opened = await turns.runTurn({ ...request, input: { kind: 'open' } });
    expect(steps(opened.activities)).to.deep.equal(['greeting', 'safe-now']);
    const next = await turns.runTurn({ ...request, input: say('yes') });
    expect(steps(next.activities)).to.deep.equal(['can-chat']);
    expect(next.ended).to.equal(false);
  });

  it('reads a choice value sent back from a card, with no text', async () => {
    const turns = service(memory());
    const request = { channel: 'msteams', conversationKey: 'b' };
    await turns.runTurn({ ...request, input: { kind: 'open' } });
    const chose = await turns.runTurn({
      ...request,
      input: { kind: 'message', text: '', choice: 'yes' },
    });
    expect(steps(chose.activities)).to.deep.equal(['can-chat']);
    await turns.runTurn({ ...request, input: say('he has a knife') });
    const carried = await turns.runTurn({
      ...request,
      input: { kind: 'message', text: '', choice: 'carry-on' },
    });
    expect(steps(carried.activities)).to.deep.equal(['can-chat']);
  });

  it('on exit, forgets the state and ends with an endOfConversation activity', async () => {
    const state = memory();
    const turns = service(state);
    const request = { channel: 'webchat', conversationKey: 'c' };
    await turns.runTurn({ ...request, input: say('hello') });
    const exit = await turns.runTurn({ ...request, input: say('exit') });
    expect(exit.ended).to.equal(true);
    expect(exit.activities.map((a) => a.type)).to.deep.equal(['message', 'endOfConversation']);
    expect(await state.read(stateKey('webchat', 'c'))).to.equal(undefined);
  });

  it('runs the turn again on fresh state when another writer won, and sends once', async () => {
    const inner = memory();
    const key = stateKey('webchat', 'd');
    let interfered = false;
    // Between this turn's read and its write, another instance answers "are you safe?".
    const racing: StatePort = {
      ...inner,
      async write(k, value, expected, expiresAt) {
        if (!interfered) {
          interfered = true;
          const current = await inner.read(k);
          const other = { ...(current?.state as object), step: 'can-chat', slots: { safe: 'yes' } };
          await inner.write(k, other, current?.version, expiresAt);
        }
        return inner.write(k, value, expected, expiresAt);
      },
    };
    const events: string[] = [];
    const turns = service(racing, events);
    await inner.write(key, freshState(realConversation()), undefined, new Date(2e12));
    const outcome = await turns.runTurn({
      channel: 'webchat',
      conversationKey: 'd',
      input: say('yes'),
    });
    // Run again on the other writer's state: "yes" now answers "can you chat?".
    expect(steps(outcome.activities)).to.deep.equal(['who']);
    expect(events).to.include('turn-retried');
  });

  it('gives the fail-safe reply, and nothing else, when conflicts never stop', async () => {
    const always: StatePort = {
      ...memory(),
      write: () => Promise.resolve({ kind: 'conflict' }),
    };
    const events: string[] = [];
    const outcome = await service(always, events).runTurn({
      channel: 'webchat',
      conversationKey: 'e',
      input: say('yes'),
    });
    expect(steps(outcome.activities)).to.deep.equal(['fail-safe']);
    expect(events.filter((event) => event === 'turn-failed')).to.have.length(1);
  });

  it('gives the fail-safe reply when rendering fails', async () => {
    // The greeting links the privacy notice; an unusable link base makes rendering throw.
    const outcome = await service(memory(), [], 'not a url').runTurn({
      channel: 'webchat',
      conversationKey: 'f',
      input: { kind: 'open' },
    });
    expect(steps(outcome.activities)).to.deep.equal(['fail-safe']);
    const text = outcome.activities
      .filter(isMessage)
      .map((a) => a.text)
      .join('\n');
    expect(text).to.include('999');
  });

  it('gives the emergency reply when rendering fails and the message holds danger', async () => {
    const outcome = await service(memory(), [], 'not a url').runTurn({
      channel: 'webchat',
      conversationKey: 'g',
      input: say('he is outside with a knife'),
    });
    expect(outcome.activities[0]?.channelData.signpost).to.include({
      step: 'emergency',
      urgency: 'emergency',
    });
  });

  it('resumes state written under another content version when its steps still exist', async () => {
    const state = memory();
    const key = stateKey('webchat', 'h');
    const old = { ...freshState(realConversation()), contentVersion: 'older0000000' };
    await state.write(
      key,
      { ...old, step: 'can-chat', slots: { safe: 'yes' } },
      undefined,
      new Date(2e12),
    );
    const events: string[] = [];
    const outcome = await service(state, events).runTurn({
      channel: 'webchat',
      conversationKey: 'h',
      input: say('yes'),
    });
    expect(steps(outcome.activities)).to.deep.equal(['who']);
    expect(events).to.include('state-taken-up');
    expect((await state.read(key))?.state).to.include({
      contentVersion: realConversation().content.version,
    });
  });

  it('starts again kindly when stored state is unreadable or its step is gone', async () => {
    const state = memory();
    await state.write(
      stateKey('webchat', 'i'),
      { version: 1, step: 'who' },
      undefined,
      new Date(2e12),
    );
    const old = { ...freshState(realConversation()), contentVersion: 'older', step: 'gone-step' };
    await state.write(stateKey('webchat', 'j'), old, undefined, new Date(2e12));
    // A dialog that no longer exists, and an answer that is no longer an option.
    const retired = { ...freshState(realConversation()), dialog: 'retired-dialog' };
    await state.write(stateKey('webchat', 'k'), retired, undefined, new Date(2e12));
    const goneAnswer = {
      ...freshState(realConversation()),
      contentVersion: 'older',
      step: 'can-chat',
      slots: { safe: 'maybe-later' },
    };
    await state.write(stateKey('webchat', 'l'), goneAnswer, undefined, new Date(2e12));
    const turns = service(state);
    for (const conversationKey of ['i', 'j', 'k', 'l']) {
      const outcome = await turns.runTurn({
        channel: 'webchat',
        conversationKey,
        input: say('yes'),
      });
      expect(steps(outcome.activities), conversationKey).to.deep.equal(['greeting', 'safe-now']);
    }
  });
});

describe('TurnService turn log: why a message was read as it was', () => {
  it('says how the message was read, which layer decided and its id, never the words', async () => {
    const lines: { event: string; fields: unknown }[] = [];
    const conversation = realConversation();
    const turns = new TurnService({
      dialogs: new Map([[conversation.dialogId, conversation]]),
      defaultDialog: conversation.dialogId,
      state: memory(),
      ttlMinutes: 30,
      log: (event, fields) => lines.push({ event, fields }),
      linkBase: 'http://localhost:3978',
      now: () => TEST_NOW,
    });
    const request = { channel: 'webchat', conversationKey: 'why' };
    await turns.runTurn({ ...request, input: { kind: 'open' } });
    await turns.runTurn({ ...request, input: say('he is outside with a knife') });
    const turn = lines.filter((line) => line.event === 'turn').at(-1)?.fields as
      Record<string, unknown> | undefined;
    expect(turn).to.include({ readAs: 'emergency' });
    expect(turn?.layer).to.be.oneOf(['phrases', 'linguistic', 'semantic']);
    expect(turn?.because).to.match(/^[a-z0-9-]+$/);
    expect(JSON.stringify(lines)).not.to.include('knife');
  });
});

describe('TurnService while the recognizers still load (after listening)', () => {
  function loadingService() {
    const conversation = realConversation();
    let loaded = false;
    let finish: () => void = () => undefined;
    const loading = new Promise<void>((resolve) => {
      finish = () => {
        loaded = true;
        resolve();
      };
    });
    const turns = new TurnService({
      dialogs: new Map([[conversation.dialogId, conversation]]),
      defaultDialog: conversation.dialogId,
      state: memory(),
      ttlMinutes: 30,
      log: () => undefined,
      linkBase: 'http://localhost:3978',
      now: () => TEST_NOW,
      recognizers: () => undefined,
      recognizersLoading: () => (loaded ? undefined : loading),
    });
    return { turns, finish };
  }
  const settled = async (promise: Promise<unknown>) => {
    let done = false;
    void promise.then(() => (done = true));
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('a turn waits for them, then is answered as any later turn', async () => {
    const { turns, finish } = loadingService();
    const turn = turns.runTurn({ channel: 'webchat', conversationKey: 'w', input: say('hello') });
    expect(await settled(turn)).to.equal(false);
    finish();
    expect(steps((await turn).activities)).to.deep.equal(['greeting', 'safe-now']);
  });

  it('an emergency does not wait: it gets the emergency reply at once', async () => {
    const { turns } = loadingService();
    const turn = turns.runTurn({
      channel: 'webchat',
      conversationKey: 'e',
      input: say('he has a knife'),
    });
    expect(await settled(turn)).to.equal(true);
    const reply = (await turn).activities.filter(isMessage);
    expect(reply.map((a) => a.channelData.signpost.urgency)).to.include('emergency');
  });
});
