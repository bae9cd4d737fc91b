import type { Conversation } from '../engine/compileConversation.js';
import { conversationStateSchema, type ConversationState } from '../engine/conversationState.js';

/** How stored state was taken up, for the log: never the state itself. */
export type Resumption = 'new' | 'resumed' | 'content-changed' | 'restarted';

/** The dialog and state a turn runs on. `state: undefined` starts the conversation afresh. */
export interface Resumed {
  conversation: Conversation;
  state: ConversationState | undefined;
  how: Resumption;
}

/**
 * Validates stored state and picks its dialog. State from another release or another
 * content version never crashes a turn:
 * - the same content version resumes as it is;
 * - another content version resumes when its dialog, step and answers still exist (so the
 *   person finishes on today's wording with nothing lost);
 * - anything else (unreadable, an unknown dialog, a step or answer that no longer exists)
 *   starts again kindly, with the greeting and the first question.
 */
export function resumeStoredState(
  stored: unknown,
  dialogs: ReadonlyMap<string, Conversation>,
  requested: Conversation,
): Resumed {
  if (stored === undefined) return { conversation: requested, state: undefined, how: 'new' };
  const parsed = conversationStateSchema.safeParse(stored);
  const conversation = parsed.success ? dialogs.get(parsed.data.dialog) : undefined;
  if (!parsed.success || !conversation) {
    return { conversation: requested, state: undefined, how: 'restarted' };
  }
  const state = parsed.data;
  if (state.contentVersion === conversation.content.version) {
    return { conversation, state, how: 'resumed' };
  }
  if (!stillMeaningful(conversation, state)) {
    return { conversation: requested, state: undefined, how: 'restarted' };
  }
  return {
    conversation,
    state: { ...state, contentVersion: conversation.content.version },
    how: 'content-changed',
  };
}

function stillMeaningful(conversation: Conversation, state: ConversationState): boolean {
  const knownStep =
    conversation.questions.has(state.step) ||
    conversation.outcomes.has(state.step) ||
    conversation.stepIndex.has(state.step) ||
    state.step === 'after-outcome';
  if (!knownStep) return false;
  for (const [slot, value] of Object.entries(state.slots)) {
    if (!conversation.slotValues.get(slot)?.has(value)) return false;
  }
  return true;
}
