import { z } from 'zod';

const account = z.looseObject({ id: z.string().max(256) });
const shortText = z.string().max(2048);

/**
 * The shape an activity posted to /api/messages must have before botbuilder sees it. Only
 * the fields the bot and the adapter read are checked; the rest pass through untouched.
 * Without this, an activity with no `type`, a numeric `type` or a `conversation` that is a
 * string failed deep inside botbuilder, and the caller got a 500 instead of a 400.
 */
const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: shortText.optional(),
  channelId: z.string().max(64).optional(),
  serviceUrl: shortText.optional(),
  deliveryMode: z.string().max(64).optional(),
  text: z.string().optional(),
  textFormat: z.string().max(64).optional(),
  locale: z.string().max(64).optional(),
  name: z.string().max(256).optional(),
  conversation: z.looseObject({ id: z.string().max(1024) }).optional(),
  from: account.optional(),
  recipient: account.optional(),
  membersAdded: z.array(account).max(256).optional(),
  membersRemoved: z.array(account).max(256).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  timestamp: shortText.optional(),
  localTimestamp: shortText.optional(),
  expiration: shortText.optional(),
});

/** An activity that passed {@link parseIncomingActivity}. */
export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/** Validates a parsed body as an activity; undefined when it is not one. */
export function parseIncomingActivity(body: unknown): IncomingActivity | undefined {
  const parsed = incomingActivitySchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}
