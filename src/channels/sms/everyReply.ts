import { builtins } from '../../engine/builtinReplies.js';
import type { Conversation } from '../../engine/compileConversation.js';
import { runTurn } from '../../engine/runTurn.js';
import { isEligible } from '../../content/schema/eligibilitySchema.js';
import { route } from '../../engine/route.js';
import type { ConversationState, Reply, Slots, Surface, TurnInput } from '../../engine/types.js';

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

/** Replies whose words differ by surface (content/wording.yml web:, sms:, teams:). */
const WORDED_BY_SURFACE = new Set(['greeting', 'emergency', 'not-safe-to-chat', 'exit', 'help']);

/** A cap on the sets of answers tried for the urgent reply and the outcomes. */
const MAX_SLOT_SETS = 50_000;

/**
 * Every reply the engine can give on a surface: see {@link everyReplyBySurface}.
 */
export function everyReply(conversation: Conversation, surface: Surface): Reply[] {
  return everyReplyBySurface(conversation, [surface]).get(surface) ?? [];
}

/**
 * Every reply the engine can give on each surface, found by walking the dialog once: from
 * the opening, every numbered choice and "not sure" at every state reached, and an unclear
 * answer and "help" at every step. Replies that show services are made again at each of
 * {@link MOMENTS}, for their hours. Then, made directly for each surface:
 * - the urgent reply, for both kinds of risk (with and without the strangulation advice),
 *   and the outcome the routing table picks, for every set of answers the walk reached and
 *   every combination of the answers that routing and eligibility read (known, "not
 *   sure" or not yet known);
 * - every built-in reply: the greeting, the emergency reply (and for a risk to one's own
 *   life), "are you safe now?" after it, the ways to call, not safe to chat, exit, help, the
 *   fail-safe, and every trust answer;
 * - every question as asked again: after "didn't follow", with the disclosure line, and
 *   with the question for a place in two areas.
 * Replies are deduplicated by content.
 */
export function everyReplyBySurface(
  conversation: Conversation,
  surfaces: readonly Surface[],
): Map<Surface, Reply[]> {
  const walkSurface = surfaces[0] ?? 'default';
  const walked = new Map<string, Reply>();
  const keepWalked = (reply: Reply) => walked.set(JSON.stringify(reply), reply);
  const [first = new Date(), ...others] = MOMENTS;
  const env = (now: Date) => ({ now, surface: walkSurface });
  // Turns whose replies show services: run again at the other moments, for their hours.
  const withServices: Turn[] = [];
  const seen = new Set<string>();
  const stepsTried = new Set<string>();
  const queue: Turn[] = [{ state: undefined, input: { kind: 'open' } }];
  while (queue.length > 0 && seen.size < MAX_STATES) {
    const turn = queue.shift() as Turn;
    const result = runTurn(conversation, turn.state, turn.input, env(first));
    result.replies.forEach(keepWalked);
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
      runTurn(conversation, state, input, env(first)).replies.forEach(keepWalked);
    }
  }
  for (const now of others) {
    for (const turn of withServices) {
      runTurn(conversation, turn.state, turn.input, env(now)).replies.forEach(keepWalked);
    }
  }
  const slotSets = new Map<string, Slots>();
  for (const key of seen) {
    const { slots } = JSON.parse(key) as ConversationState;
    slotSets.set(JSON.stringify(slots), slots);
  }
  for (const slots of everyRoutingCombination(conversation)) {
    slotSets.set(JSON.stringify(slots), slots);
  }
  const people = distinctForReplies(conversation, slotSets.values());

  const bySurface = new Map<Surface, Reply[]>();
  for (const surface of surfaces) {
    const found = new Map<string, Reply>();
    const keep = (reply: Reply) => found.set(JSON.stringify(reply), reply);
    for (const reply of walked.values()) {
      // Words that differ by surface are made below, for this surface.
      if (surface === walkSurface || !WORDED_BY_SURFACE.has(reply.step)) keep(reply);
    }
    for (const now of MOMENTS) {
      const at = builtins(conversation, { now, surface });
      for (const slots of people) {
        keep(at.urgent(slots, false));
        keep(at.urgent(slots, true));
        const decision = route({ rules: conversation.routingRules }, slots, () => false);
        if (decision.kind === 'outcome') {
          const { outcome, services } = decision.rule;
          for (const risk of ['routine', 'urgent'] as const) {
            keep(at.outcome(outcome, services, slots, risk));
          }
        }
      }
      keep(at.failSafe());
    }
    const say = builtins(conversation, { now: first, surface });
    for (const reply of [
      say.greeting(),
      say.emergency(false),
      say.emergency(true),
      say.emergencyCheck(),
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
    for (const { answer } of conversation.trustAnswers) {
      // A service's answer shows only the offers the person fits: every set of answers.
      const sets = answer.service ? people : [{}];
      for (const slots of sets) keep(say.trustAnswer(answer, slots));
    }
    const wording = conversation.content.wording;
    const disclosure = conversation.disclosure ? wording.disclosure?.text : undefined;
    for (const question of conversation.questions.values()) {
      keep(say.question(question, wording.notUnderstood));
      if (question.block.slot === conversation.placeSlot) {
        keep(say.question(question, wording.placeAmbiguous));
        for (const span of conversation.content.areas.spanning?.value ?? []) {
          if (wording.placeSpans) {
            keep(
              say.question(question, undefined, wording.placeSpans.replace('{name}', span.name)),
            );
          }
        }
      }
      if (disclosure) keep(say.question(question, disclosure));
    }
    bySurface.set(surface, [...found.values()]);
  }
  return bySurface;
}

/**
 * One set of answers for each different thing the urgent reply, the outcome and a service's
 * trust answer can show: they read only the routing table's choice of rule, the place, and
 * which offers the person fits (`for`).
 */
function distinctForReplies(conversation: Conversation, sets: Iterable<Slots>): Slots[] {
  const offers = [...conversation.services.values()].flatMap((service) => service.offers);
  const people = new Map<string, Slots>();
  for (const slots of sets) {
    const decision = route({ rules: conversation.routingRules }, slots, () => false);
    const rule =
      decision.kind === 'outcome' ? conversation.routingRules.indexOf(decision.rule) : -1;
    const place = conversation.placeSlot ? (slots[conversation.placeSlot] ?? '') : '';
    const fits = offers.map((offer) => (isEligible(offer.for, slots) ? '1' : '0')).join('');
    const key = `${rule}/${place}/${fits}`;
    if (!people.has(key)) people.set(key, slots);
  }
  return [...people.values()];
}

/**
 * Every combination of the answers the routing table and the services' eligibility read,
 * each known (any value it can hold, "not sure" included) or not yet known.
 */
function everyRoutingCombination(conversation: Conversation): Slots[] {
  const read = new Set<string>();
  for (const rule of conversation.routingRules)
    for (const slot of Object.keys(rule.when)) read.add(slot);
  for (const service of conversation.services.values()) {
    for (const offer of service.offers)
      for (const slot of Object.keys(offer.for ?? {})) read.add(slot);
  }
  let sets: Slots[] = [{}];
  for (const slot of read) {
    const values = [...(conversation.slotValues.get(slot) ?? [])];
    const next: Slots[] = [];
    for (const slots of sets) {
      next.push(slots);
      for (const value of values) next.push({ ...slots, [slot]: value });
    }
    sets = next;
    if (sets.length > MAX_SLOT_SETS) {
      throw new Error(`${conversation.dialogId}: over ${MAX_SLOT_SETS} sets of answers to try`);
    }
  }
  return sets;
}

interface Turn {
  state: ConversationState | undefined;
  input: TurnInput;
}
