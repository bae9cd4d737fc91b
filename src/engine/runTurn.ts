import { UNSURE, type SlotName } from '../content/schema/eligibilitySchema.js';
import type { FallbackRecognizers } from '../understanding/fallbackRecognizers.js';
import { readMessage, type Message } from '../understanding/readMessage.js';
import { mentionedAge, type QuestionMatcher } from '../understanding/questionMatcher.js';
import type { CommandName } from '../understanding/matchCommand.js';
import { hasHit } from '../understanding/phraseMatcher.js';
import type { UrgencyResult } from '../understanding/detectUrgency.js';
import { builtins, type Builtins } from './builtinReplies.js';
import { stepId, type Conversation } from './compileConversation.js';
import { route } from './route.js';
import { STATE_SCHEMA, topInterruption } from './conversationState.js';
import type {
  ConversationState,
  Reply,
  Slots,
  TurnEnvironment,
  TurnInput,
  TurnResult,
} from './types.js';

/** Where the conversation goes next, once the current step is done with. */
interface Next {
  replies: Reply[];
  state: ConversationState | null;
  handOver?: TurnResult['handOver'];
}

/** The state of a conversation that has just begun. */
export function freshState(conversation: Conversation): ConversationState {
  const first = conversation.steps[0];
  return {
    schema: STATE_SCHEMA,
    dialog: conversation.dialogId,
    contentVersion: conversation.content.version,
    step: first ? stepId(first) : afterOutcomeStep,
    interruptions: [],
    slots: {},
    urgentGiven: false,
    urgentKinds: [],
    reasked: [],
    risk: 'routine',
  };
}

/**
 * The engine: one turn of the conversation. Pure: the same dialogs, state and input always
 * give the same replies and new state. It knows nothing of botbuilder, HTTP or channels.
 *
 * Order matters for safety: "exit" first (it must always work), then urgency detection on
 * every message, then the other commands, then the current step.
 */
export function runTurn(
  conversation: Conversation,
  previous: ConversationState | undefined,
  input: TurnInput,
  env: TurnEnvironment,
): TurnResult {
  let reading: TurnResult['reading'];
  const result = runDialogTurn(conversation, previous, input, env, (urgency) => {
    reading = { level: urgency.level, ...urgency.decidedBy };
  });
  const withReading = (done: TurnResult): TurnResult => (reading ? { ...done, reading } : done);
  const target = result.handOver && env.dialogs?.get(result.handOver.dialog);
  if (result.handOver && target && result.state) {
    // The outcome said where to go: the other dialog opens afresh, greeting and all.
    const opened = runTurn(target, undefined, { kind: 'open' }, env);
    const preview = result.handOver.preview;
    const state = opened.state && { ...opened.state, ...(preview ? { preview } : {}) };
    const replies = preview ? markPreview(target, opened.replies) : opened.replies;
    // The outcome's own "start over" and "end chat" give way to the next dialog's question.
    const handing = result.replies.map((reply) => ({ ...reply, choices: [] }));
    return withReading({ replies: [...handing, ...replies], state });
  }
  const settled: TurnResult = {
    replies: result.replies,
    state: result.state,
    ...(result.ended ? { ended: true } : {}),
  };
  return withReading(
    result.state?.preview
      ? { ...settled, replies: markPreview(conversation, settled.replies) }
      : settled,
  );
}

/** Marks replies as a preview of the public chat, in the words of content/wording.yml. */
function markPreview(conversation: Conversation, replies: Reply[]): Reply[] {
  const preview = conversation.content.wording.previewLabel;
  return replies.map((reply) => ({ ...reply, preview }));
}

/** One turn within one dialog; {@link runTurn} adds hand-overs and preview marks. */
function runDialogTurn(
  conversation: Conversation,
  previous: ConversationState | undefined,
  input: TurnInput,
  env: TurnEnvironment,
  noteReading: (urgency: UrgencyResult) => void,
): TurnResult {
  const say = builtins(conversation, env);
  // The dialog's policy says whether it greets (with the privacy and 999 wording) first.
  const greeting = (): Reply[] => (conversation.greets ? [say.greeting()] : []);
  const isNew = previous === undefined;
  // State is flat but for its slots: copy those, so the previous state is never changed.
  const state: ConversationState = previous
    ? { ...previous, interruptions: [...previous.interruptions], slots: { ...previous.slots } }
    : freshState(conversation);

  if (input.kind === 'open') {
    return { replies: [...greeting(), ...askCurrent(conversation, say, state)], state };
  }

  // Read once, for every matcher below; it lives for this turn only.
  const message = readMessage(input.text, conversation.urgency.spellings);
  const command = readCommand(conversation, state, input.choice, message);
  if (command === 'exit') return { replies: [say.exit()], state: null, ended: true };

  const urgency = conversation.urgency.detect(message);
  noteReading(urgency);
  if (urgency.level === 'emergency') {
    keepAnswerToInterruptedQuestion(conversation, state, message, env);
    // Whatever else the message says (age, place, who) is kept, so nothing is asked again.
    fillUnknown(state.slots, extractMentions(conversation, message));
    noteSpanningPlace(conversation, state, message);
    interrupt(state, 'emergency');
    return { replies: [say.emergency(urgency.ownLife)], state };
  }

  if (input.limit === 'rate') return { replies: [say.slowDown()], state };
  if (input.limit === 'size') {
    return {
      replies: [
        ...(isNew ? greeting() : []),
        say.messageTooLong(),
        ...askCurrent(conversation, say, state),
      ],
      state,
    };
  }

  if (command === 'notSafeToChat' && conversation.interrupts.has('notSafeToChat')) {
    // Straight after the emergency reply, "I can't talk" asks for the ways to call silently.
    if (topInterruption(state)?.reply === 'emergency') {
      return { replies: [say.emergencyMore()], state };
    }
    return { replies: [say.notSafeToChat()], state: null };
  }
  if (command === 'startOver') {
    const restarted: ConversationState = {
      ...freshState(conversation),
      urgentGiven: state.urgentGiven,
      urgentKinds: state.urgentKinds,
      risk: state.risk,
      ...(state.preview ? { preview: true } : {}),
    };
    const first = askCurrent(conversation, say, restarted);
    return { replies: [...greeting(), ...first], state: restarted };
  }
  if (command === 'help') {
    return { replies: [say.help(), ...askCurrent(conversation, say, state)], state };
  }
  // Free text fills whatever it can, at any step; answers already given are kept.
  const mentioned = extractMentions(conversation, message);
  noteSpanningPlace(conversation, state, message);

  // The urgent reply is given once per kind of risk: a later strangulation still gets the
  // medical advice after an earlier urgent reply about something else.
  const urgentKind = urgency.strangulation ? 'strangulation' : 'high-risk';
  if (
    urgency.level === 'urgent' &&
    !state.urgentKinds.includes(urgentKind) &&
    conversation.interrupts.has('urgent')
  ) {
    state.urgentKinds = [...state.urgentKinds, urgentKind];
    fillUnknown(state.slots, mentioned);
    interrupt(state, 'urgent');
    state.urgentGiven = true;
    return { replies: [say.urgent(state.slots, urgency.strangulation)], state };
  }
  if (urgency.level === 'urgent') state.risk = 'urgent';

  // "Are you a real person?", "will you tell the police?": answered, then the question again
  // (after the emergency reply, whether the person is safe now). Nothing else is read from
  // such a message, so "will you tell the police" never fills the need "police or court".
  const trust = conversation.trustAnswers.find((answer) => hasHit(answer.asks, message.words));
  if (trust) {
    const next =
      topInterruption(state)?.reply === 'emergency'
        ? [say.emergencyCheck()]
        : askCurrent(conversation, say, state);
    return {
      replies: [...(isNew ? greeting() : []), say.trustAnswer(trust.answer, state.slots), ...next],
      state,
    };
  }

  if (state.interruptions.length > 0) {
    if (command === 'moreWays') return { replies: [say.emergencyMore()], state };
    // After the emergency reply only a real "I'm safe" (or the carry-on button) moves on:
    // "ok", "thanks" or anything else asks again, kindly, whether the person is safe now.
    const afterEmergency = topInterruption(state)?.reply === 'emergency';
    if (afterEmergency && !saysSafe(conversation, message, command)) {
      return { replies: [say.emergencyCheck()], state };
    }
    resumeInterrupted(conversation, state);
    if (command === 'carryOn') return { replies: askCurrent(conversation, say, state), state };
    // "im safe now" means carry on. It answers the question beneath only when it says
    // something for it (at "are you safe right now?", or "im safe, its for me"); otherwise
    // it is kept for what it says and the question is asked again, never "didn't follow".
    if (afterEmergency && !answersCurrent(conversation, state, message, mentioned, env)) {
      fillUnknown(state.slots, mentioned);
      return { replies: askCurrent(conversation, say, state), state };
    }
  }

  if (isNew) {
    // A first message without a conversation opening: greet, then carry on as usual.
    fillUnknown(state.slots, mentioned);
    const next = acknowledged(conversation, message, askCurrent(conversation, say, state));
    return { replies: [...greeting(), ...next], state };
  }

  const question = conversation.questions.get(state.step);
  if (!question) {
    // The conversation has reached an outcome: offer to start over or leave.
    fillUnknown(state.slots, mentioned);
    return { replies: [say.afterOutcome()], state };
  }
  const answered = answerQuestion(
    conversation,
    say,
    state,
    question,
    { choice: input.choice, message, recognizers: env.recognizers },
    command === 'notSure',
    mentioned,
  );
  return { ...answered, replies: acknowledged(conversation, message, answered.replies) };
}

/**
 * "he checks my phone and wont let me see my mates": a disclosure gets one short line from
 * content before whatever comes next, in place of "Sorry, I didn't follow that". The line
 * never repeats the person's words.
 */
function acknowledged(conversation: Conversation, message: Message, replies: Reply[]): Reply[] {
  const line = conversation.content.wording.disclosure?.text;
  const [first, ...rest] = replies;
  if (
    !first ||
    !line ||
    !conversation.disclosure ||
    !hasHit(conversation.disclosure, message.words)
  )
    return replies;
  const sorry = `${conversation.content.wording.notUnderstood}\n`;
  const text = first.text.startsWith(sorry) ? first.text.slice(sorry.length) : first.text;
  return [{ ...first, text: `${line}\n${text}` }, ...rest];
}

/** The step after the last outcome, where the person may start over or leave. */
const afterOutcomeStep = 'after-outcome';

/**
 * Leaves the interruptions for the flow step beneath them. Each interruption was answered
 * in full when it was shown (the urgent reply is never repeated), so carrying on from an
 * emergency inside an urgent reply returns to the question both interrupted.
 */
function resumeInterrupted(conversation: Conversation, state: ConversationState): void {
  state.interruptions = [];
  if (!conversation.questions.has(state.step)) state.step = afterOutcomeStep;
}

/**
 * Built-in replies show their own choices, which text channels number. A number sent
 * straight after one of them means that reply's choice, not an answer to a question.
 */
const numberedChoices: Record<'emergency' | 'urgent' | 'outcome', CommandName[]> = {
  emergency: ['moreWays', 'carryOn'],
  urgent: ['carryOn'],
  outcome: ['startOver', 'exit'],
};

/** The choices of the built-in reply the person is answering, if any. */
function builtinChoices(conversation: Conversation, state: ConversationState) {
  const top = topInterruption(state);
  if (top) return numberedChoices[top.reply];
  return conversation.questions.has(state.step) ? undefined : numberedChoices.outcome;
}

/** Built-in choices' stable values, as a channel may send them back from a card. */
const commandByChoice: Record<string, CommandName> = {
  'more-ways': 'moreWays',
  'carry-on': 'carryOn',
  'start-over': 'startOver',
  exit: 'exit',
  unsure: 'notSure',
};

function readCommand(
  conversation: Conversation,
  state: ConversationState,
  choice: string | undefined,
  message: Message,
): CommandName | undefined {
  if (choice !== undefined) {
    const command = commandByChoice[choice];
    // A choice value is only ever a command or an option of the question being asked.
    if (command) return command;
    if (conversation.questions.has(state.step)) return undefined;
  }
  const text = message.text;
  const number = /^\s*(\d)\s*[.)]?\s*$/.exec(text)?.[1];
  if (number) {
    const chosen = builtinChoices(conversation, state)?.[Number(number) - 1];
    if (chosen) return chosen;
  }
  return conversation.commands.match(message);
}

/** Short acknowledgements that never mean "I'm safe" on their own. */
const ACKNOWLEDGEMENTS = new Set([
  'ok',
  'okay',
  'k',
  'kk',
  'ok thanks',
  'ok thank you',
  'okay thanks',
  'thanks',
  'thank you',
  'thanks you',
  'thx',
  'ty',
  'ta',
  'cheers',
  'alright',
  'right',
  'sure',
  'hmm',
  'ok ty',
]);

/**
 * True when a message after the emergency reply really means "I'm safe now": the carry-on
 * button (or its number), "carry on" typed, or the safe answer of "are you safe right
 * now?" in words that are more than an acknowledgement.
 */
function saysSafe(
  conversation: Conversation,
  message: Message,
  command: CommandName | undefined,
): boolean {
  if (ACKNOWLEDGEMENTS.has(message.answer)) return false;
  if (command === 'carryOn') return true;
  const safeNow = conversation.questions.get(
    conversation.steps[0] ? stepId(conversation.steps[0]) : '',
  );
  const safe = safeNow?.block.options[0]?.value;
  if (!safeNow || safe === undefined) return false;
  return safeNow.answer(message) === safe || safeNow.says(message, safe);
}

/** True when a message answers the question the conversation is on. */
function answersCurrent(
  conversation: Conversation,
  state: ConversationState,
  message: Message,
  mentioned: Slots,
  env: TurnEnvironment,
): boolean {
  const question = conversation.questions.get(state.step);
  if (!question) return false;
  return (
    question.answer(message, env.recognizers) !== undefined ||
    mentioned[question.block.slot] !== undefined
  );
}

/** Puts an interruption on top of the flow, which stays where it was. */
function interrupt(state: ConversationState, reply: 'emergency' | 'urgent'): void {
  state.interruptions.push({ reply });
  state.risk = 'urgent';
}

/**
 * Words of danger can also answer the question they interrupt: "No, I'm not safe" (the
 * button at "are you safe right now?") is both. Keep that answer, so that carrying on moves
 * to the next question instead of asking the same one again. An answer that would end the
 * conversation or jump elsewhere (such as "not safe to chat") is not kept: carrying on then
 * asks the question again.
 */
function keepAnswerToInterruptedQuestion(
  conversation: Conversation,
  state: ConversationState,
  message: Message,
  env: TurnEnvironment,
): void {
  // Only the question itself is being answered, not a built-in reply above it.
  if (state.interruptions.length > 0) return;
  const question = conversation.questions.get(state.step);
  if (!question) return;
  const answer = question.answer(message, env.recognizers);
  if (answer === undefined || answer === UNSURE) return;
  const option = question.option(answer);
  if (option?.next !== undefined && option.next !== 'emergency') return;
  state.slots[question.block.slot] = answer;
  if (option?.sets) Object.assign(state.slots, option.sets);
}

function answerQuestion(
  conversation: Conversation,
  say: Builtins,
  state: ConversationState,
  question: QuestionMatcher,
  input: { choice?: string; message: Message; recognizers?: FallbackRecognizers },
  notSure: boolean,
  mentioned: Slots,
): Next {
  const { block } = question;
  const chosen = input.choice !== undefined ? question.option(input.choice)?.value : undefined;
  // An answer the person already gave while this question was interrupted ("my sister's
  // husband hits her" got the urgent reply) stands: the next message is never met with the
  // same question again.
  let answer = notSure
    ? UNSURE
    : (chosen ??
      question.answer(input.message, input.recognizers) ??
      mentioned[block.slot] ??
      state.slots[block.slot]);
  fillUnknown(state.slots, mentioned);
  const learnt = Object.keys(mentioned).length > 0;
  // "kinda" at "are you safe right now?": when in doubt, treat it as "not sure".
  if (answer === undefined && !learnt && block.onUnclear === 'not-sure') answer = UNSURE;
  // No question is asked more than twice: after a second unclear answer, move on as "not sure".
  // (A message with no words, such as emoji or a blank, does not count as an answer.)
  const worded = input.message.answer.length > 0;
  if (answer === undefined && worded && state.reasked.includes(block.question)) answer = UNSURE;
  if (answer === undefined) {
    // Something useful was said, just not an answer to this question: ask it again gently,
    // once, with its choices and "not sure". A place that is in two areas is asked about.
    if (worded && !state.reasked.includes(block.question)) {
      state.reasked = [...state.reasked, block.question];
    }
    const wording = conversation.content.wording;
    const ambiguous =
      block.slot === conversation.placeSlot && conversation.places.isAmbiguous(input.message.words);
    const spans = spanQuestion(conversation, state, question);
    const prefix = ambiguous
      ? wording.placeAmbiguous
      : learnt || spans
        ? undefined
        : wording.notUnderstood;
    return { replies: [say.question(question, prefix, spans)], state };
  }

  state.slots[block.slot] = answer;
  const replies: Reply[] = [];
  if (answer === UNSURE && block.onNotSure === 'remind-999') replies.push(say.urgentReminder());
  const option = question.option(answer);
  if (option?.sets) Object.assign(state.slots, option.sets);

  const index = conversation.stepIndex.get(block.question);
  const nextIndex = index === undefined ? conversation.routeIndex : index + 1;
  if (option?.next === 'emergency') {
    // The answer is kept, and carrying on goes to the step after this question.
    const resumeStep = conversation.steps[nextIndex];
    state.step = resumeStep ? stepId(resumeStep) : afterOutcomeStep;
    interrupt(state, 'emergency');
    return { replies: [...replies, say.emergency(false)], state };
  }
  if (option?.next === 'not-safe-to-chat') {
    // Ask nothing more, and keep nothing: the person may have to put the phone down now.
    return { replies: [...replies, say.notSafeToChat()], state: null };
  }
  const jump = option?.next ? conversation.stepIndex.get(option.next) : undefined;
  const next = advance(conversation, say, state, jump ?? nextIndex);
  return { ...next, replies: [...replies, ...next.replies] };
}

/** Re-asks the current question, or moves on if it was answered meanwhile. */
function askCurrent(conversation: Conversation, say: Builtins, state: ConversationState): Reply[] {
  // Help or a long message straight after an interruption: go back to where we were.
  if (state.interruptions.length > 0) resumeInterrupted(conversation, state);
  const question = conversation.questions.get(state.step);
  if (!question) {
    // A route step (after "no, I'm not safe" at the last question) runs the routing.
    const index = conversation.stepIndex.get(state.step);
    if (index !== undefined) return advance(conversation, say, state, index).replies;
    return [say.afterOutcome()];
  }
  if (state.slots[question.block.slot] === undefined) {
    return [say.question(question, undefined, spanQuestion(conversation, state, question))];
  }
  const index = conversation.stepIndex.get(state.step) ?? conversation.routeIndex;
  return advance(conversation, say, state, index).replies;
}

/** Runs forward from step `index`, skipping questions already answered. */
function advance(
  conversation: Conversation,
  say: Builtins,
  state: ConversationState,
  index: number,
): Next {
  for (let i = index; i < conversation.steps.length; i += 1) {
    const step = conversation.steps[i];
    if (!step) break;
    if ('question' in step) {
      if (state.slots[step.slot] !== undefined) continue;
      const question = conversation.questions.get(step.question);
      if (!question) continue;
      state.step = step.question;
      const spans = spanQuestion(conversation, state, question);
      return { replies: [say.question(question, undefined, spans)], state };
    }
    const canAsk = (slot: SlotName) =>
      state.slots[slot] === undefined && conversation.eligibilityBySlot.has(slot);
    const decision = route({ rules: conversation.routingRules }, state.slots, canAsk);
    if (decision.kind === 'ask') {
      const question = conversation.eligibilityBySlot.get(decision.slot);
      if (question) {
        state.step = question.block.question;
        const spans = spanQuestion(conversation, state, question);
        return { replies: [say.question(question, undefined, spans)], state };
      }
    } else {
      state.step = decision.rule.outcome;
      const reply = say.outcome(
        decision.rule.outcome,
        decision.rule.services,
        state.slots,
        state.risk,
      );
      const then = decision.rule.then;
      return { replies: [reply], state, ...(then ? { handOver: then } : {}) };
    }
  }
  state.step = afterOutcomeStep;
  return { replies: [say.afterOutcome()], state };
}

/** What free text says about any question: "I'm in Leigh and need somewhere to stay". */
function extractMentions(conversation: Conversation, message: Message): Slots {
  const words = message.words;
  const found: Slots = {};
  for (const question of conversation.questions.values()) {
    const slot = question.block.slot;
    if (found[slot] !== undefined) continue;
    const option = question.mention(words);
    if (option) {
      found[slot] = option.value;
      for (const [other, value] of Object.entries(option.sets ?? {})) {
        if (value !== undefined) found[other] ??= value;
      }
    }
  }
  if (conversation.placeSlot) {
    const place = conversation.places.match(words);
    if (place) found[conversation.placeSlot] = place;
  }
  const ageQuestion = conversation.ageQuestion;
  const years = ageQuestion ? mentionedAge(message.normal) : undefined;
  const age = years === undefined ? undefined : ageQuestion?.forAge(years);
  if (ageQuestion && age) found[ageQuestion.block.slot] = age;
  return found;
}

/**
 * "Essex": a name that covers the local area and places outside it, with nothing more exact.
 * Its id is kept (never the words), so the "where" question asks which, even when the name
 * came in a first message or at another question.
 */
function noteSpanningPlace(
  conversation: Conversation,
  state: ConversationState,
  message: Message,
): void {
  const slot = conversation.placeSlot;
  if (!slot || (state.slots[slot] !== undefined && state.slots[slot] !== UNSURE)) return;
  const span = conversation.places.spanning(message.words);
  if (span) state.placeSpan = span.id;
}

/**
 * The words of the "where" question after a name that covers the local area and places
 * outside it: "Is that in the Southend-on-Sea area, or elsewhere in Essex?"; undefined
 * otherwise (the question's own words).
 */
function spanQuestion(
  conversation: Conversation,
  state: ConversationState,
  question: QuestionMatcher,
): string | undefined {
  const wording = conversation.content.wording.placeSpans;
  if (!wording || !state.placeSpan || question.block.slot !== conversation.placeSlot) {
    return undefined;
  }
  if (state.slots[question.block.slot] !== undefined) return undefined;
  const span = conversation.places.spanningById(state.placeSpan);
  return span && wording.replace('{name}', span.name);
}

function fillUnknown(slots: Slots, found: Slots): void {
  for (const [slot, value] of Object.entries(found) as [SlotName, string][]) {
    if (slots[slot] === undefined || slots[slot] === UNSURE) slots[slot] = value;
  }
}
