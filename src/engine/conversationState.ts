import { z } from 'zod';

/** The shape version of stored state; bumped when the shape changes. */
export const STATE_SCHEMA = 2;

/**
 * A reply that interrupted the conversation and now awaits "carry on" (or, for the
 * emergency reply, "ways to call if I can't talk"). Interruptions stack, as in Rasa's
 * `continue_interrupted` pattern: the top frame is what the person is answering, and
 * carrying on returns to the flow step beneath them all.
 */
export const interruptionSchema = z.object({ reply: z.enum(['emergency', 'urgent']) });
export type Interruption = z.infer<typeof interruptionSchema>;

const id = z.string().max(100);

/**
 * What the engine remembers between turns: step ids and option values only, never the
 * person's words. Validated on every read, because it may come from another instance or an
 * older release.
 */
export const conversationStateSchema = z.object({
  schema: z.literal(STATE_SCHEMA),
  /** The dialog this conversation runs (dialogs/<id>.yml). */
  dialog: id,
  /** The content version that wrote it; another version is handled kindly on read. */
  contentVersion: id,
  /** Where the flow is: the question awaiting an answer, or the outcome reached. */
  step: id,
  /** Replies that interrupted the flow, oldest first; the last is on top. */
  interruptions: z.array(interruptionSchema).max(8),
  /** Answers so far, by slot name (from content). Values are option values. */
  slots: z.record(id, id),
  /** An urgent reply has been given (it colours the signpost). */
  urgentGiven: z.boolean(),
  /**
   * The kinds of risk the urgent reply was given for ("strangulation", "high-risk"): it is
   * given once per kind, so a later strangulation still gets the medical advice.
   */
  urgentKinds: z.array(id).max(10).default([]),
  /** Questions already asked again once: a third unclear answer moves on as "not sure". */
  reasked: z.array(id).max(20).default([]),
  /** Raised to "urgent" after any emergency or urgent reply; it colours the signpost. */
  risk: z.enum(['urgent', 'routine']),
  /**
   * A name said that covers the local area and places outside it ("essex": the id of a
   * `spanning` name in content/areas.yml, never the person's words): the "where" question is
   * then asked as "the Southend-on-Sea area, or elsewhere in Essex?".
   */
  placeSpan: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(100)
    .optional(),
  /** Staff previewing the public chat: every reply is marked as a preview. */
  preview: z.boolean().optional(),
});

/** See {@link conversationStateSchema}. */
export type ConversationState = z.infer<typeof conversationStateSchema>;

/** The top interruption, if the conversation is interrupted. */
export function topInterruption(state: ConversationState): Interruption | undefined {
  return state.interruptions[state.interruptions.length - 1];
}
