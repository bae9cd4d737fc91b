/**
 * The limits of the self-hosted Direct Line channel, in one place so that they can be read,
 * stated in the README and overridden in tests and the bench.
 */
export interface DirectLineLimits {
  /** Largest request body accepted, in bytes. Larger bodies are answered 413. */
  maxBodyBytes: number;
  /**
   * How much of an oversized body we keep reading (and then discard) before giving up on it,
   * in bytes. Past this the request is cut off, so a huge upload cannot tie up the process.
   */
  drainBodyBytes: number;
  /** How many characters of an oversized message's text still reach the bot. */
  oversizeTextChars: number;
  /** Messages one conversation may post in `rateWindowMs` before it is answered 429. */
  rateMessages: number;
  /** The sliding window for `rateMessages`, in milliseconds. */
  rateWindowMs: number;
  /** Unread activities kept per conversation; the oldest are dropped past this. */
  maxQueuedActivities: number;
  /** Conversations held in memory at once; new ones are refused with 503 past this. */
  maxConversations: number;
  /** How often expired conversations are swept out of memory, in milliseconds. */
  sweepIntervalMs: number;
  /**
   * Share of `maxConversations` that chats opened from a browser (`/api/webchat/token`) may
   * fill. The rest is kept for server-side callers holding the Direct Line secret.
   */
  browserShare: number;
  /** A conversation whose token was issued but never used to open it expires after this. */
  unopenedIdleMs: number;
  /** An opened conversation in which nothing has been sent expires after this much silence. */
  unusedIdleMs: number;
  /** A turn still running after this long shows the person a typing indicator, in ms. */
  typingAfterMs: number;
  /** While the turn goes on, the typing activity is sent again this often, in ms. */
  typingRepeatMs: number;
}

/**
 * The limits in force unless a caller overrides them.
 *
 * The rate is 20 messages per 10 seconds per conversation: a person typing, even fast and in
 * short bursts, sends far fewer, while a script flooding one conversation is stopped within a
 * second or two. Messages with an emergency phrase are never held back by it.
 */
export const DEFAULT_LIMITS: Readonly<DirectLineLimits> = Object.freeze({
  maxBodyBytes: 256 * 1024,
  drainBodyBytes: 8 * 1024 * 1024,
  oversizeTextChars: 8192,
  rateMessages: 20,
  rateWindowMs: 10_000,
  // A Web Chat client reads every second, so a real queue rarely holds more than a handful.
  maxQueuedActivities: 500,
  maxConversations: 20_000,
  sweepIntervalMs: 30_000,
  browserShare: 0.8,
  // Web Chat opens its conversation at once, and polls every second while the page is open,
  // so only abandoned (or flooded) conversations ever reach these.
  unopenedIdleMs: 2 * 60_000,
  unusedIdleMs: 10 * 60_000,
  // "A moment": a reply within a second needs no indicator; Web Chat shows each for 5 s.
  typingAfterMs: 1000,
  typingRepeatMs: 3000,
});

/** Limits for one channel: the defaults, with any overrides applied. */
export function resolveLimits(overrides?: Partial<DirectLineLimits>): DirectLineLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

/** The channel id used on every activity; the bot's renderers key on it, as Azure Web Chat's do. */
export const CHANNEL_ID = 'webchat';

/** The bot's identity as the client sees it. */
export const BOT_ACCOUNT = Object.freeze({ id: 'waymark', name: 'Waymark', role: 'bot' });
