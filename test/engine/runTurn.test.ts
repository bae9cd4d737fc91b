import { expect } from 'chai';
import type { ConversationState } from '../../src/engine/conversationState.js';
import { runTurn } from '../../src/engine/runTurn.js';
import type { TurnInput, TurnResult } from '../../src/engine/types.js';
import { realConversation, TEST_NOW } from '../support/botHarness.js';

const env = { now: TEST_NOW, surface: 'default' as const };
const open: TurnInput = { kind: 'open' };
const say = (text: string): TurnInput => ({ kind: 'message', text });
const steps = (result: TurnResult) => result.replies.map((reply) => reply.step);

/** Plays inputs through the pure engine, each on the state the last one left. */
function play(inputs: TurnInput[], dialog = 'triage'): TurnResult[] {
  const conversation = realConversation(dialog);
  let state: ConversationState | undefined;
  return inputs.map((input) => {
    const result = runTurn(conversation, state, input, env);
    state = result.state ?? undefined;
    return result;
  });
}

/** Freezes an object and everything in it, so any change to it throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('runTurn (the pure engine, called directly)', () => {
  it('opens with the greeting and the first question, in state naming its dialog and content', () => {
    const [opened] = play([open]);
    expect(opened && steps(opened)).to.deep.equal(['greeting', 'safe-now']);
    expect(opened?.state).to.include({
      dialog: 'triage',
      contentVersion: realConversation().content.version,
      step: 'safe-now',
    });
  });

  it('gives the same replies and state for the same state and input, and changes neither', () => {
    const conversation = realConversation();
    const [, atWho] = play([open, say('yes'), say('yes')]);
    const before = deepFreeze(structuredClone(atWho?.state ?? undefined));
    const first = runTurn(conversation, before, say('someone else'), env);
    const second = runTurn(conversation, before, say('someone else'), env);
    expect(second).to.deep.equal(first);
    expect(steps(first)).to.have.length.greaterThan(0);
  });

  it('reads a choice by its value with no text, and by the words of its label', () => {
    const [, byValue] = play([open, { kind: 'message', text: '', choice: 'yes' }]);
    const [, byWords] = play([open, say('Yes')]);
    expect(byValue && steps(byValue)).to.deep.equal(['can-chat']);
    expect(byWords && steps(byWords)).to.deep.equal(['can-chat']);
    expect(byValue?.state?.slots).to.deep.equal(byWords?.state?.slots);
  });

  it('stacks an emergency on an urgent interruption; carrying on returns to the question beneath', () => {
    const results = play([
      open,
      say('yes'),
      say('yes'),
      say('he strangled me last year'),
      say('he is here now with a knife'),
      say('carry on'),
    ]);
    const [urgent, emergency, resumed] = results.slice(3);
    expect(urgent && steps(urgent)).to.deep.equal(['urgent']);
    expect(urgent?.state?.interruptions).to.deep.equal([{ reply: 'urgent' }]);
    expect(emergency && steps(emergency)).to.deep.equal(['emergency']);
    expect(emergency?.state?.interruptions).to.deep.equal([
      { reply: 'urgent' },
      { reply: 'emergency' },
    ]);
    expect(emergency?.state?.step).to.equal('who');
    // "he strangled me" also answered "who" (for me): carrying on goes from the question
    // beneath to the next one not yet answered.
    expect(resumed && steps(resumed)).to.deep.equal(['need']);
    expect(resumed?.state?.interruptions).to.deep.equal([]);
  });

  it('on "exit" forgets the conversation (state null) and says it ended', () => {
    const [, exit] = play([open, say('exit')]);
    expect(exit && steps(exit)).to.deep.equal(['exit']);
    expect(exit?.state).to.equal(null);
    expect(exit?.ended).to.equal(true);
  });

  it("answers danger by the dialog's own policy: staff get the staff emergency wording", () => {
    const [, survivor] = play([open, say('my client said he has a knife')]);
    const [, staff] = play([open, say('my client said he has a knife')], 'staff');
    expect(survivor && steps(survivor)).to.deep.equal(['emergency']);
    expect(staff && steps(staff)).to.deep.equal(['emergency']);
    expect(staff?.state?.dialog).to.equal('staff');
    expect(staff?.replies[0]?.text).not.to.equal(survivor?.replies[0]?.text);
    expect(staff?.replies[0]?.text.split('\n')[0]).to.include('999');
  });
});
