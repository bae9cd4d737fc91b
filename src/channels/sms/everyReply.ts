import { builtins } from '../../engine/builtinReplies.js';
import type { Conversation } from '../../engine/compileConversation.js';
import { runTurn } from '../../engine/runTurn.js';
import type { ConversationState, Reply, Surface, TurnInput } from '../../engine/types.js';

/**
 * Moments that change what a reply says: opening hours ("Open now." or "Closed now.") and
 * a bank holiday (hours may be unknown). Weekday noon and evening, a Sunday night, and
 * Christmas Day, in London time.
 */
export const MOMENTS: readonly Date[] = [
  new Date('2026-11-25T12:00:00Z'),
  new Date('2026-11-25T20:30:00Z'),
  new Date('2026-11-29T03:00:00Z'),
  new Date('2026-12-25T12:00:00Z'),
];

/** Tried at every state besides each numbered choice: "not sure" moves on from any question. */
const NOT_SURE: TurnInput = { kind: 'message', text: 'not sure' };

/**
 * Tried once per step (and interruption): an unclear answer and "help" ask the same step
 * again, so what they give depends on the step alone.
 */
const SAME_STEP_INPUTS: readonly TurnInput[] = [
  { kind: 'message', text: 'zzqx' },
  { kind: 'message', text: 'help' },
];

/** A cap on explored states, far above what the real dialog reaches (about a thousand). */
const MAX_STATES = 20_000;

/**
 * Every reply the engine can give on a surface, found by walking the dialog: from the
 * opening, every numbered choice and "not sure" at every state reached, and an unclear
 * answer and "help" at every step. Replies that show services are made again at each of
 * {@link MOMENTS}, for their hours. The built-in replies are also made directly (the urgent
 * reply, with and without strangulation advice, for every set of answers reached; the
 * emergency reply, not safe to chat, exit…). Replies are deduplicated by content.
 */
export function everyReply(conversation: Conversation, surface: Surface): Reply[] {
  const found = new Map<string, Reply>();
  const keep = (reply: Reply) => found.set(JSON.stringify(reply), reply);
  const [first = new Date(), ...others] = MOMENTS;
  // Turns whose replies show services: run again at the other moments, for their hours.
  const withServices: Turn[] = [];
  const seen = new Set<string>();
  const stepsTried = new Set<string>();
  const queue: Turn[] = [{ state: undefined, input: { kind: 'open' } }];
  const say = builtins(conversation, { now: first, surface });
  while (queue.length > 0 && seen.size < MAX_STATES) {
    const turn = queue.shift() as Turn;
    const result = runTurn(conversation, turn.state, turn.input, { now: first, surface });
    result.replies.forEach(keep);
    const state = result.state;
    if (!state) continue;
    const key = JSON.stringify(state);
    if (seen.has(key)) continue;
    seen.add(key);
    if (result.replies.some((reply) => reply.services.length > 0)) withServices.push(turn);
    const last = result.replies[result.replies.length - 1];
    const numbers = (last?.choices ?? []).map((_, index) => String(index + 1));
    for (const text of numbers) queue.push({ state, input: { kind: 'message', text } });
    queue.push({ state, input: NOT_SURE });
    const step = `${state.step}/${JSON.stringify(state.interruptions)}`;
    if (stepsTried.has(step)) continue;
    stepsTried.add(step);
    for (const input of SAME_STEP_INPUTS) {
      runTurn(conversation, state, input, { now: first, surface }).replies.forEach(keep);
    }
  }
  const slotSets = new Map<string, ConversationState['slots']>();
  for (const key of seen) {
    const { slots } = JSON.parse(key) as ConversationState;
    slotSets.set(JSON.stringify(slots), slots);
  }
  for (const now of MOMENTS) {
    const at = builtins(conversation, { now, surface });
    for (const slots of slotSets.values()) {
      keep(at.urgent(slots, false));
      keep(at.urgent(slots, true));
    }
    keep(at.failSafe());
  }
  for (const now of others) {
    for (const turn of withServices) {
      runTurn(conversation, turn.state, turn.input, { now, surface }).replies.forEach(keep);
    }
  }
  for (const reply of [
    say.greeting(),
    say.emergency(false),
    say.emergency(true),
    say.emergencyMore(),
    say.urgentReminder(),
    say.notSafeToChat(),
    say.exit(),
    say.help(),
    say.messageTooLong(),
    say.slowDown(),
    say.afterOutcome(),
  ]) {
    keep(reply);
  }
  return [...found.values()];
}

interface Turn {
  state: ConversationState | undefined;
  input: TurnInput;
}
