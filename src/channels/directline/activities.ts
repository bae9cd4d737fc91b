import { z } from 'zod';
import type { OutgoingActivity } from '../render/outgoingActivity.js';
import type { ChannelInput } from '../../turns/TurnRunner.js';
import { BOT_ACCOUNT, CHANNEL_ID } from './limits.js';
import type { Conversation } from './conversation.js';

/** An account in an activity: the user or the bot. */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: string;
}

/**
 * A Direct Line v3 activity as the channel queues it for a client: our own type, so that
 * the channel needs no SDK. Only fields from an allow-list are ever set.
 */
export interface Activity {
  type: string;
  id?: string;
  channelId?: string;
  conversation?: { id: string };
  timestamp?: Date;
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  text?: string;
  textFormat?: string;
  name?: string;
  channelData?: unknown;
  [field: string]: unknown;
}

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
  return { id: conversation.userId, role: 'user' };
}

/** The fields every activity of a conversation shares, in either direction. */
function envelope(conversation: Conversation) {
  return { channelId: CHANNEL_ID, conversation: { id: conversation.id }, timestamp: new Date() };
}

/** Longest choice value accepted from a card; real values are short ids. */
const MAX_CHOICE_CHARS = 100;

/**
 * What a posted message asks of the turn service: its text, a choice's value when a card
 * or button sent one back (`value.choice`), and a limit the channel itself hit. A client
 * cannot claim a limit: only the channel sets `limit`.
 */
export function turnInputOf(posted: PostedActivity, limit?: 'size' | 'rate'): ChannelInput {
  const value = posted.value as { choice?: unknown } | undefined;
  const choice =
    typeof value?.choice === 'string' && value.choice.length <= MAX_CHOICE_CHARS
      ? value.choice
      : undefined;
  return {
    kind: 'message',
    text: posted.text ?? '',
    ...(choice !== undefined ? { choice } : {}),
    ...(limit ? { limit } : {}),
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
): Activity {
  const clientId = clientActivityId(posted);
  const echo: Activity = {
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
  'code',
] as const;

/**
 * Rebuilds a bot activity for the client from an allow-list of fields, so nothing internal
 * (serviceUrl, deliveryMode, relatesTo, callerId…) can leak. Undefined when the client
 * should not see it at all.
 */
export function toClientActivity(
  conversation: Conversation,
  id: string,
  outgoing: OutgoingActivity,
  replyToId?: string,
): Activity | undefined {
  if (!CLIENT_TYPES.has(outgoing.type)) return undefined;
  const source = outgoing as unknown as Record<string, unknown>;
  const result: Record<string, unknown> = {
    ...envelope(conversation),
    type: outgoing.type,
    id,
    from: { ...BOT_ACCOUNT },
    recipient: userAccount(conversation),
  };
  for (const field of PASSED_FIELDS) {
    const value = source[field];
    if (value !== undefined && value !== null) result[field] = value;
  }
  if (replyToId !== undefined) result.replyToId = replyToId;
  // A new top-level object, so setting the id or timestamp never touches the bot's own.
  // (A deep copy per activity cost more than the rest of the channel put together.)
  return result as Activity;
}
