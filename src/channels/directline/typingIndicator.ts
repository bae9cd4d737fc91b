import type { OutgoingActivity } from '../render/outgoingActivity.js';
import { toClientActivity } from './activities.js';
import type { Conversation } from './conversation.js';
import type { DirectLineLimits } from './limits.js';

/** A typing activity as the bot would send it: no text, no signpost, nothing but its type. */
const TYPING = { type: 'typing' } as unknown as OutgoingActivity;

/**
 * Shows Web Chat's typing indicator while a turn takes longer than a moment (slow storage,
 * a loaded machine): a `typing` activity after `typingAfterMs`, then one every
 * `typingRepeatMs` (Web Chat shows each for 5 s) until the reply is queued. A turn that
 * answers at once sends none, so the usual reply comes alone; typing activities still unread
 * when the turn ends are taken back, so a client that polls afterwards sees only the reply.
 * Returns the function that stops it; call it when the turn has finished, whatever the
 * outcome.
 */
export function typingWhileSlow(
  conversation: Conversation,
  limits: Pick<DirectLineLimits, 'typingAfterMs' | 'typingRepeatMs'>,
): () => void {
  let repeat: ReturnType<typeof setInterval> | undefined;
  const sent = new Set<number>();
  const send = () => {
    if (conversation.deleted) return;
    const id = conversation.nextId();
    const packed = toClientActivity(conversation, id, TYPING);
    if (!packed) return;
    sent.add(conversation.lastSequence);
    conversation.enqueuePacked(id, packed);
  };
  const first = setTimeout(() => {
    send();
    repeat = setInterval(send, limits.typingRepeatMs);
    repeat.unref();
  }, limits.typingAfterMs);
  first.unref();
  return () => {
    clearTimeout(first);
    if (repeat) clearInterval(repeat);
    // Once the reply is there, a client that has not read yet need not see "typing" at all.
    conversation.retract(sent);
  };
}
