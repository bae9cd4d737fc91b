import type { Conversation } from '../../src/engine/compileConversation.js';
import { runTurn } from '../../src/engine/runTurn.js';
import type { ConversationState, Reply, TurnEnvironment } from '../../src/engine/types.js';

const env: TurnEnvironment = { now: new Date('2026-11-25T12:00:00Z'), surface: 'web' };

/** Where in a conversation a message is typed. */
export type Position = 'first' | 'mid-dialog' | 'safe-now';

function send(conversation: Conversation, state: ConversationState | undefined, text: string) {
  const result = runTurn(conversation, state, { kind: 'message', text }, env);
  return { replies: result.replies, state: result.state ?? undefined };
}

/**
 * Plays one message through the real engine and returns the replies to it.
 * - first: the very first message of a conversation, with no greeting before it (as on SMS);
 * - safe-now: the answer to "are you safe right now?", straight after the greeting;
 * - mid-dialog: typed at "who is the support for?", after answering the first two questions.
 */
export function repliesAt(conversation: Conversation, position: Position, text: string): Reply[] {
  if (position === 'first') return send(conversation, undefined, text).replies;
  let state = runTurn(conversation, undefined, { kind: 'open' }, env).state ?? undefined;
  if (position === 'mid-dialog') {
    state = send(conversation, state, 'yes').state;
    state = send(conversation, state, 'yes').state;
  }
  return send(conversation, state, text).replies;
}

/**
 * Sends a routing statement as the first message after the greeting, then answers every
 * question still asked with "not sure" (and "carry on" after an interruption). Returns the
 * services of the signpost reached, or undefined when none was reached in 12 turns.
 */
export function signpostFor(conversation: Conversation, text: string): string[] | undefined {
  let state = runTurn(conversation, undefined, { kind: 'open' }, env).state ?? undefined;
  let message = text;
  for (let turn = 0; turn < 12; turn += 1) {
    const { replies, state: next } = send(conversation, state, message);
    const signpost = replies.find((reply) => conversation.outcomes.has(reply.step));
    if (signpost) return signpost.signposted;
    if (!next) return undefined;
    state = next;
    // After an emergency or urgent reply the person carries on (the reply's own button): the
    // interrupted question stays the current step, so read the interruptions, not the step.
    message = state.interruptions.length > 0 ? 'carry on' : 'not sure';
  }
  return undefined;
}
