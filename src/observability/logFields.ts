/**
 * The fields a log line may carry, each of a closed type: names from fixed lists, ids
 * made by {@link safeName}, counts and flags. There is no free-text field, so "never log
 * message text, phone numbers or emails" is checked by the compiler.
 */
export interface LogFields {
  channel?: ChannelName;
  dialog?: SafeName;
  /** The step ids of a turn's replies, in order. */
  steps?: readonly SafeName[];
  urgency?: 'emergency' | 'urgent' | 'routine';
  /** How urgency detection read the message (ids only), and which layer decided. */
  readAs?: 'emergency' | 'urgent' | 'routine';
  layer?: 'phrases' | 'linguistic' | 'semantic' | 'none';
  /** The phrase category, frame or labelled example id that decided. */
  because?: SafeName;
  forgotten?: boolean;
  /** How stored state was taken up after a release or content change. */
  how?: 'new' | 'resumed' | 'content-changed' | 'restarted';
  attempt?: number;
  /** An error's class, never its message. */
  error?: SafeName;
  /** An error's code: a Node one such as ECONNRESET, or Twilio's number. */
  code?: SafeName | number;
  reason?: RefusalReason;
  /** An HTTP status. */
  status?: number;
  port?: number;
  bytes?: number;
  count?: number;
  /** Messages sent in one go (an SMS reply can be several texts). */
  messages?: number;
  /** How a send ended. */
  outcome?: 'sent' | 'opted-out' | 'failed';
  /** Whether a rate limit was answered with its notice (only the first in a window is). */
  noticed?: boolean;
  /** Turns still running when the shutdown deadline passed. */
  unfinished?: number;
  deadlineSeconds?: number;
  /** A route of the static pages (never a requested path, which could hold anything). */
  route?: StaticRoute;
  /** The type of an incoming activity. */
  type?: ActivityTypeName;
  contentVersion?: SafeName;
  kept?: 'serving';
  /** What to do about a start-up warning: one of these fixed sentences. */
  advice?:
    | 'Run npm run content:check and confirm each fact before launch.'
    | 'dist/urgency-model.json was missing or stale: run npm run build.'
    | 'WARNING: nobody has signed off this content version. Read npm run content:book, then npm run content:signoff -- --by "Name, role".';
}

/** Channels by name; any other channel id (it comes off the wire) is logged as "other". */
export type ChannelName =
  'webchat' | 'directline' | 'msteams' | 'sms' | 'twilio' | 'emulator' | 'test' | 'other';

const CHANNELS: ReadonlySet<string> = new Set<ChannelName>([
  'webchat',
  'directline',
  'msteams',
  'sms',
  'twilio',
  'emulator',
  'test',
]);

/** A channel id as it may be logged. */
export function channelName(channelId: string): ChannelName {
  return CHANNELS.has(channelId) ? (channelId as ChannelName) : 'other';
}

/** Bot Framework activity types by name; any other is logged as "other". */
export type ActivityTypeName =
  | 'message'
  | 'conversationUpdate'
  | 'installationUpdate'
  | 'invoke'
  | 'event'
  | 'messageReaction'
  | 'typing'
  | 'endOfConversation'
  | 'other';

const ACTIVITY_TYPES: ReadonlySet<string> = new Set<ActivityTypeName>([
  'message',
  'conversationUpdate',
  'installationUpdate',
  'invoke',
  'event',
  'messageReaction',
  'typing',
  'endOfConversation',
]);

/** An activity's type as it may be logged. */
export function activityTypeName(type: unknown): ActivityTypeName {
  return typeof type === 'string' && ACTIVITY_TYPES.has(type)
    ? (type as ActivityTypeName)
    : 'other';
}

/** The routes of the static pages, which a missing file is logged by. */
export type StaticRoute =
  '/' | '/staying-safe-online' | '/site.css' | '/webchat/webchat.js' | '/widget.js';

declare const safeBrand: unique symbol;

/**
 * A short identifier that cannot hold a sentence: an id from content (a step, dialog or
 * content version), or an error's class or code. Only {@link safeName} makes one, so a
 * message's text can never be passed where a log field wants a name.
 */
export type SafeName = string & { readonly [safeBrand]: true };

const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_.$-]{0,63}$/;
/**
 * A content version: 12 hex digits, at least one a letter. A hash may start with a digit,
 * but a run of digits alone could be a phone number, so that is never a name.
 */
const CONTENT_HASH = /^(?=[0-9]*[a-f])[0-9a-f]{12}$/;

/**
 * The name if it is one (a letter, then up to 63 letters, digits or `_.$-`; or a content
 * version hash such as 65b07d981bc9), or "invalid".
 */
export function safeName(value: string): SafeName {
  return (SAFE_NAME.test(value) || CONTENT_HASH.test(value) ? value : 'invalid') as SafeName;
}

/** Why a request was refused: at /api/messages, the SMS webhook or the Direct Line stream. */
export type RefusalReason =
  | 'not-loopback'
  | 'no-token'
  | 'content-encoding'
  | 'content-type'
  | 'too-large'
  | 'unreadable'
  | 'malformed-json'
  | 'not-an-activity'
  | 'failed'
  | 'per-address'
  | 'capacity';
