import { z } from 'zod';
import type { OutgoingActivity } from '../render/outgoingActivity.js';
import type { ChannelInput } from '../../turns/TurnRunner.js';
import { BOT_ACCOUNT, CHANNEL_ID } from './limits.js';
import type { Conversation } from './conversation.js';
import { packBody, packOwnFields, type CompactActivity } from './compactActivity.js';

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

function userAccount(conversation: Conversation): { id: string; role: string } {
  return { id: conversation.userId, role: 'user' };
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
 * The echo of the user's own activity, packed for the queue. Web Chat needs its id and
 * clientActivityID to mark the message sent. It is plain text and carries nothing else from
 * the client, so no markup, signpost or other client data is ever reflected back.
 */
export function echoActivity(
  conversation: Conversation,
  id: string,
  posted: PostedActivity,
): CompactActivity {
  const clientId = clientActivityId(posted);
  const body: Record<string, unknown> = {
    channelId: CHANNEL_ID,
    type: posted.type,
    from: userAccount(conversation),
  };
  if (posted.type === 'message') {
    body.text = posted.text ?? '';
    body.textFormat = 'plain';
  }
  if (posted.name !== undefined) body.name = posted.name;
  if (clientId !== undefined) body.channelData = { clientActivityID: clientId };
  return { own: packOwnFields(conversation.id, id), body: packBody(body) };
}

/** Outgoing types a Direct Line client understands; the rest (trace, delay…) stay inside. */
const CLIENT_TYPES = new Set(['message', 'typing', 'event', 'endOfConversation']);

/**
 * The bot-authored fields passed through to the client, and no others (besides `replyToId`,
 * which is one of the activity's own fields).
 */
const BODY_FIELDS = [
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
  'code',
] as const;

/**
 * Rebuilds a bot activity for the client from an allow-list of fields, so nothing internal
 * (serviceUrl, deliveryMode, relatesTo, callerId…) can leak, and packs it for the queue in
 * the same step: the activity is serialised once, and never built as an object first (the
 * profile of web chat under load showed building, splitting and serialising each reply as
 * the channel's largest cost). Undefined when the client should not see it at all.
 */
export function toClientActivity(
  conversation: Conversation,
  id: string,
  outgoing: OutgoingActivity,
  replyToId?: string,
): CompactActivity | undefined {
  if (!CLIENT_TYPES.has(outgoing.type)) return undefined;
  const source = outgoing as unknown as Record<string, unknown>;
  const body: Record<string, unknown> = {
    channelId: CHANNEL_ID,
    type: outgoing.type,
    from: BOT_ACCOUNT,
  };
  for (const field of BODY_FIELDS) {
    const value = source[field];
    if (value !== undefined && value !== null) body[field] = value;
  }
  const reply = replyToId ?? (typeof source.replyToId === 'string' ? source.replyToId : undefined);
  return {
    own: packOwnFields(conversation.id, id, userAccount(conversation), reply),
    body: packBody(body),
  };
}
