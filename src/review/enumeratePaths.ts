import type { Conversation } from '../engine/compileConversation.js';
import { runTurn } from '../engine/runTurn.js';
import { UNSURE } from '../content/schema/eligibilitySchema.js';
import type {
  ConversationState,
  Slots,
  Reply,
  Surface,
  TurnInput,
  TurnResult,
  Urgency,
} from '../engine/types.js';
import { findProbes, type InterruptionKind, type Probe } from './probeMessages.js';

/** What the person did in one turn of a path. */
export interface PathInput {
  /** The words sent: a button's label, or a typed message for an interruption. */
  text: string;
  /** The choice's stable value, when the person pressed a button. */
  choice?: string;
  /** Set when this turn is a typed interruption rather than a button. */
  interruption?: InterruptionKind;
}

/** One turn: what the person did (nothing, for the opening) and what the bot replied. */
export interface PathTurn {
  input?: PathInput;
  replies: Reply[];
}

/** How a path ends. */
export type PathEnd =
  /** A signpost: an outcome of the dialog. */
  | { kind: 'outcome'; step: string; urgency: Urgency; services: string[] }
  /** The conversation was closed and forgotten (exit, not safe to chat). */
  | { kind: 'closed'; step: string }
  /** An interruption was answered and the conversation went back to a question. */
  | { kind: 'resumed'; step: string }
  /** Only with `reachOnly`: the path joins a state already explored, so it stops here. */
  | { kind: 'joins'; step: string };

/** One distinct path through a dialog, from the opening to its end. */
export interface ConversationPath {
  dialogId: string;
  /** Stable across runs and content versions: the steps and the choices made at each. */
  key: string;
  turns: PathTurn[];
  end: PathEnd;
  /** For an interruption path: which one, and the step it interrupted. */
  interruption?: { kind: InterruptionKind; step: string };
}

/** Something the enumeration found wrong: a path that loops or stops without an outcome. */
export interface PathProblem {
  step: string;
  message: string;
}

/** Every path through one dialog, found by running the real engine. */
export interface Enumeration {
  dialogId: string;
  paths: ConversationPath[];
  problems: PathProblem[];
  /** Every step id that any reply on any path belongs to. */
  reached: ReadonlySet<string>;
  probes: Probe[];
  /** True when there were more than `maxPaths` paths and the rest were not listed. */
  truncated: boolean;
}

export interface EnumerateOptions {
  now: Date;
  surface?: Surface;
  /** A path longer than this many turns is reported as a loop. */
  maxTurns?: number;
  /**
   * Explore each state once: enough to know what is reached and what is wrong (a state
   * seen before has the same future), and much faster, but `paths` is then incomplete.
   */
  reachOnly?: boolean;
  /** Stop listing paths after this many (default 20,000), so a huge dialog still finishes. */
  maxPaths?: number;
}

/** Replies that interrupt whatever step they come at. */
const INTERRUPTION_STEPS = new Set(['emergency', 'urgent', 'not-safe-to-chat', 'exit']);

/**
 * Enumerates every path through a dialog by driving the pure engine: from the opening, each
 * button of each reply is pressed in turn (every option, "not sure", and the built-in
 * replies' own buttons), so every eligibility question the routing table asks is followed
 * too. At each question, each built-in interruption (danger now, high risk, not safe to
 * chat, exit) is typed as well; those side paths end when the conversation returns to a
 * question, and each distinct one is kept once per step.
 */
export function enumeratePaths(conversation: Conversation, options: EnumerateOptions): Enumeration {
  const env = { now: options.now, surface: options.surface ?? 'web' };
  conversation = withMemoisedDetection(conversation);
  const maxTurns = options.maxTurns ?? 60;
  const probes = findProbes(conversation);
  const paths: ConversationPath[] = [];
  const problems: PathProblem[] = [];
  const reached = new Set<string>();
  const sideSeen = new Set<string>();
  const problemSeen = new Set<string>();
  const explored = new Set<string>();
  const onPath = new Set<string>();
  const maxPaths = options.maxPaths ?? 20_000;
  let truncated = false;
  const probed = new Set<string>();
  const read = slotsWhoseValuesMatter(conversation);
  const filled = slotsFreeTextFills(conversation);
  const turn = (state: ConversationState | undefined, input: TurnInput): TurnResult => {
    const result = runTurn(conversation, state, input, env);
    for (const reply of result.replies) reached.add(reply.step);
    return result;
  };
  const problem = (step: string, message: string) => {
    if (problemSeen.has(`${step}\0${message}`)) return;
    problemSeen.add(`${step}\0${message}`);
    problems.push({ step, message });
  };
  const keyOf = (turns: PathTurn[]) =>
    turns
      .slice(1)
      .map((t, i) => `${turns[i]?.replies.at(-1)?.step ?? ''}=${t.input?.choice ?? t.input?.text}`)
      .join('/');

  const walk = (
    state: ConversationState | null,
    turns: PathTurn[],
    side?: { kind: InterruptionKind; step: string; from: number },
  ): void => {
    if (truncated) return;
    const last = turns[turns.length - 1]?.replies.at(-1);
    const finish = (end: PathEnd) => {
      const path: ConversationPath = {
        dialogId: conversation.dialogId,
        key: keyOf(turns),
        turns,
        end,
      };
      if (side) {
        path.interruption = { kind: side.kind, step: side.step };
        // One side path per step and wording: the words after an interruption do not
        // depend on how the person reached the step, except where the engine says so.
        const words = JSON.stringify(turns.slice(side.from).map((t) => t.replies));
        const dedupe = `${side.kind}\0${side.step}\0${words}`;
        if (sideSeen.has(dedupe)) return;
        sideSeen.add(dedupe);
      }
      paths.push(path);
      if (paths.length >= maxPaths) truncated = true;
    };
    if (!last) return;
    if (state === null) return finish({ kind: 'closed', step: last.step });
    const interrupted = state.interruptions.length > 0;
    if (!interrupted && conversation.outcomes.has(state.step)) {
      return finish({
        kind: 'outcome',
        step: state.step,
        urgency: last.urgency,
        services: last.signposted,
      });
    }
    const atQuestion = !interrupted && conversation.questions.has(state.step);
    if (!interrupted && !atQuestion) {
      problem(state.step, 'the conversation runs out of steps without reaching an outcome');
      return;
    }
    if (side && atQuestion && turns.length > side.from + 1)
      return finish({ kind: 'resumed', step: state.step });
    // A state seen before on this path, with the same reply, means the path goes round.
    const key = `${JSON.stringify(state)}\0${last.text}`;
    if (onPath.has(key) || turns.length > maxTurns) {
      problem(state.step, `pressing "${turns.at(-1)?.input?.text}" does not move on`);
      return;
    }
    if (last.choices.length === 0) {
      problem(last.step, 'the conversation stops here without an outcome');
      return;
    }
    if (options.reachOnly) {
      const abstract = `${JSON.stringify({ ...state, slots: abstractSlots(state.slots, read, filled) })}\0${last.text}`;
      if (explored.has(abstract)) return finish({ kind: 'joins', step: state.step });
      explored.add(abstract);
    }
    onPath.add(key);
    for (const choice of last.choices) {
      // Channels send a button's label as the message (Web Chat, Teams), or its number
      // (SMS); both are read the same way. The label is what is tried here.
      const input: PathInput = { text: choice.label, choice: choice.value };
      const result = turn(state, { kind: 'message', text: choice.label });
      walk(result.state, [...turns, { input, replies: result.replies }], side);
    }
    if (!side && atQuestion) interrupt(state, turns);
    onPath.delete(key);
  };

  /** Types each interruption at a question, and follows each reply to its end. */
  const interrupt = (state: ConversationState, turns: PathTurn[]) => {
    // For reachability, the interruptions at a step lead to the same replies wherever the
    // step is met; the full enumeration tries them everywhere, as their wording can differ.
    if (options.reachOnly && probed.has(state.step)) return;
    probed.add(state.step);
    for (const probe of probes) {
      const result = turn(state, { kind: 'message', text: probe.text });
      const first = result.replies[0];
      // The urgent reply is given once: later, high-risk words are read as an answer.
      if (!first || !INTERRUPTION_STEPS.has(first.step)) continue;
      const input: PathInput = { text: probe.text, interruption: probe.kind };
      walk(result.state, [...turns, { input, replies: result.replies }], {
        kind: probe.kind,
        step: state.step,
        from: turns.length,
      });
    }
  };

  const opening = turn(undefined, { kind: 'open' });
  walk(opening.state, [{ replies: opening.replies }]);
  return { dialogId: conversation.dialogId, paths, problems, reached, probes, truncated };
}

/**
 * The slots whose values (not only whether they are known) change what happens later: those
 * the routing table tests, those offers are restricted by, and the place (the urgent reply
 * depends on it). The others are only ever asked, skipped when known, or kept.
 */
function slotsWhoseValuesMatter(conversation: Conversation): ReadonlySet<string> {
  const read = new Set<string>();
  for (const rule of conversation.content.routing.rules) {
    for (const slot of [...Object.keys(rule.when), ...rule.ask]) read.add(slot);
  }
  for (const service of conversation.content.services.services) {
    for (const offer of service.offers)
      for (const slot of Object.keys(offer.for ?? {})) read.add(slot);
  }
  if (conversation.placeSlot) read.add(conversation.placeSlot);
  return read;
}

/** Slots that free text can fill later, even after "not sure": mentions, places, ages. */
function slotsFreeTextFills(conversation: Conversation): ReadonlySet<string> {
  const filled = new Set<string>();
  for (const { block } of conversation.questions.values()) {
    for (const option of block.options) {
      if (option.mentions.length === 0) continue;
      filled.add(block.slot);
      for (const slot of Object.keys(option.sets ?? {})) filled.add(slot);
    }
  }
  if (conversation.placeSlot) filled.add(conversation.placeSlot);
  if (conversation.ageQuestion) filled.add(conversation.ageQuestion.block.slot);
  return filled;
}

/** Slots as far as the future depends on them: "not sure" can still be filled in later. */
function abstractSlots(
  slots: Slots,
  matter: ReadonlySet<string>,
  filled: ReadonlySet<string>,
): Slots {
  const out: Slots = {};
  for (const [slot, value] of Object.entries(slots)) {
    out[slot] = matter.has(slot) || (value === UNSURE && filled.has(slot)) ? value : 'known';
  }
  return out;
}

/**
 * The same conversation, with urgency detection remembered per message. Detection is pure,
 * and the enumeration sends the same few button labels thousands of times.
 */
function withMemoisedDetection(conversation: Conversation): Conversation {
  const { urgency } = conversation;
  const known = new Map<string, ReturnType<typeof urgency.detect>>();
  const detect: typeof urgency.detect = (message) => {
    const text = typeof message === 'string' ? message : message.text;
    let found = known.get(text);
    if (!found) {
      found = urgency.detect(message);
      known.set(text, found);
    }
    return found;
  };
  return { ...conversation, urgency: { ...urgency, detect } };
}
