import type { Activity, ChannelAccount } from 'botbuilder';
import { z } from 'zod';
import { BOT_ACCOUNT, CHANNEL_ID } from './limits.js';
import type { Conversation } from './conversation.js';

/**
 * A stand-in service URL for turns that never leave the process. Bot code may read it, but
 * it is never sent to a client: outgoing activities are rebuilt field by field.
 */
export const IN_PROCESS_SERVICE_URL = 'urn:waymark:directline:in-process';

/** The fields we accept from a client's posted activity; everything else is ignored. */
const postedActivitySchema = z.object({
  type: z.string().min(1).max(64),
  text: z.string().optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(64).optional(),
  name: z.string().max(256).optional(),
  value: z.unknown().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

/** A client's activity after validation. */
export type PostedActivity = z.infer<typeof postedActivitySchema>;

/** Validates a parsed request body as a posted activity; undefined when it is not one. */
export function parsePostedActivity(body: unknown): PostedActivity | undefined {
  const parsed = postedActivitySchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}

/** The client's own id for an activity, which Web Chat uses to mark a message as sent. */
export function clientActivityId(posted: PostedActivity): string | undefined {
  const id = posted.channelData?.clientActivityID;
  return typeof id === 'string' && id.length <= 128 ? id : undefined;
}

function userAccount(conversation: Conversation): ChannelAccount {
  return { id: conversation.userId, role: 'user' } as ChannelAccount;
}

/** The fields every activity of a conversation shares, in either direction. */
function envelope(conversation: Conversation): Partial<Activity> {
  return {
    channelId: CHANNEL_ID,
    conversation: { id: conversation.id } as Activity['conversation'],
    timestamp: new Date(),
  };
}

/**
 * Builds the activity a turn runs on. The client's channelData passes through, except our
 * own `waymark` key, which only the channel may set (it marks a message cut by a limit).
 */
export function toBotActivity(
  conversation: Conversation,
  id: string,
  posted: PostedActivity,
  waymark?: Record<string, unknown>,
): Partial<Activity> {
  const clientData: Record<string, unknown> = { ...posted.channelData };
  delete clientData.waymark;
  const channelData = waymark ? { ...clientData, waymark } : clientData;
  return {
    ...envelope(conversation),
    type: posted.type,
    id,
    serviceUrl: IN_PROCESS_SERVICE_URL,
    from: userAccount(conversation),
    recipient: { ...BOT_ACCOUNT } as ChannelAccount,
    text: posted.text,
    textFormat: posted.textFormat,
    locale: posted.locale ?? conversation.locale,
    name: posted.name,
    value: posted.value,
    channelData,
  };
}

/** The conversationUpdate that opens a conversation, so the bot greets before anyone types. */
export function conversationUpdateActivity(conversation: Conversation): Partial<Activity> {
  return {
    ...envelope(conversation),
    type: 'conversationUpdate',
    id: `${conversation.id}|start`,
    serviceUrl: IN_PROCESS_SERVICE_URL,
    from: userAccount(conversation),
    recipient: { ...BOT_ACCOUNT } as ChannelAccount,
    membersAdded: [{ ...BOT_ACCOUNT } as ChannelAccount, userAccount(conversation)],
    locale: conversation.locale,
  };
}

/**
 * The echo of the user's own activity. Web Chat needs its id and clientActivityID to mark
 * the message sent. It is plain text and carries nothing else from the client, so no
 * markup, signpost or other client data is ever reflected back.
 */
export function echoActivity(
  conversation: Conversation,
  id: string,
  posted: PostedActivity,
): Partial<Activity> {
  const clientId = clientActivityId(posted);
  const echo: Partial<Activity> = {
    ...envelope(conversation),
    type: posted.type,
    id,
    from: userAccount(conversation),
  };
  if (posted.type === 'message') {
    echo.text = posted.text ?? '';
    echo.textFormat = 'plain';
  }
  if (posted.name !== undefined) echo.name = posted.name;
  if (clientId !== undefined) echo.channelData = { clientActivityID: clientId };
  return echo;
}

/** Outgoing types a Direct Line client understands; the rest (trace, delay…) stay inside. */
const CLIENT_TYPES = new Set(['message', 'typing', 'event', 'endOfConversation']);

/** The bot-authored fields passed through to the client, and no others. */
const PASSED_FIELDS = [
  'text',
  'textFormat',
  'speak',
  'inputHint',
  'locale',
  'attachments',
  'attachmentLayout',
  'suggestedActions',
  'channelData',
  'value',
  'name',
  'entities',
  'summary',
  'replyToId',
] as const satisfies readonly (keyof Activity)[];

/**
 * Rebuilds a bot activity for the client from an allow-list of fields, so nothing internal
 * (serviceUrl, deliveryMode, relatesTo, callerId…) can leak. Undefined when the client
 * should not see it at all.
 */
export function toClientActivity(
  conversation: Conversation,
  id: string,
  outgoing: Partial<Activity>,
): Partial<Activity> | undefined {
  if (!outgoing.type || !CLIENT_TYPES.has(outgoing.type)) return undefined;
  const result: Record<string, unknown> = {
    ...envelope(conversation),
    type: outgoing.type,
    id,
    from: { ...BOT_ACCOUNT },
    recipient: userAccount(conversation),
  };
  for (const field of PASSED_FIELDS) {
    if (outgoing[field] !== undefined && outgoing[field] !== null) result[field] = outgoing[field];
  }
  // A new top-level object, so setting the id or timestamp never touches the bot's own.
  // (A deep copy per activity cost more than the rest of the channel put together.)
  return result as Partial<Activity>;
}

/** True when the activity is the bot's "exit" reply, which ends and deletes the conversation. */
export function isExitActivity(activity: Partial<Activity>): boolean {
  const signpost = (activity.channelData as { signpost?: { step?: unknown } } | undefined)
    ?.signpost;
  return signpost?.step === 'exit';
}
