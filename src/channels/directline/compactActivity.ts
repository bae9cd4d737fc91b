import { flat } from '../../state/flatString.js';
import type { Activity } from './activities.js';

/** Fields that differ from one activity to the next; everything else of a bot reply repeats. */
const OWN_FIELDS = new Set(['id', 'timestamp', 'conversation', 'recipient', 'replyToId']);

/** Bot reply bodies seen lately, so ten thousand greetings share one string. */
const sharedBodies = new Map<string, string>();
const MAX_SHARED = 2000;

/** A queued activity as two JSON strings: its own fields, and a body that may be shared. */
export interface CompactActivity {
  own: string;
  body: string;
}

/**
 * Packs an activity for the queue. Bot replies are the same for every conversation at a
 * step (the greeting, each question), so their bodies are interned; the person's own echo is
 * never shared, so nothing they typed outlives their conversation's queue.
 */
export function compactActivity(activity: Activity): CompactActivity {
  const own: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(activity)) {
    (OWN_FIELDS.has(field) ? own : rest)[field] = value;
  }
  // Kept flat (see flat()): they stay queued until the client reads them.
  return { own: flat(JSON.stringify(own)), body: packBody(rest) };
}

/**
 * An activity's own fields, packed as `compactActivity` packs them (in the order the
 * channel's activities give them), without building the activity first.
 */
export function packOwnFields(
  conversationId: string,
  id: string,
  recipient?: { id: string; role: string },
  replyToId?: string,
): string {
  return flat(
    JSON.stringify({
      conversation: { id: conversationId },
      timestamp: new Date(),
      id,
      ...(recipient ? { recipient } : {}),
      ...(replyToId !== undefined ? { replyToId } : {}),
    }),
  );
}

/** An activity's body (every field but its own), packed; a bot reply's body is shared. */
export function packBody(body: Record<string, unknown>): string {
  const json = flat(JSON.stringify(body));
  return (body.from as { role?: unknown } | undefined)?.role === 'bot' ? intern(json) : json;
}

/** The activity again, as an object. */
export function expandActivity(compact: CompactActivity): Activity {
  return { ...(JSON.parse(compact.body) as Activity), ...(JSON.parse(compact.own) as object) };
}

/**
 * The activity as the client receives it, as JSON text: the same text as
 * `JSON.stringify(expandActivity(compact))`, joined from the two packed strings without
 * parsing them again (their fields never overlap). Polls and the stream send this.
 */
export function activityJson(compact: CompactActivity): string {
  const { body, own } = compact;
  if (own === '{}') return body;
  if (body === '{}') return own;
  return `${body.slice(0, -1)},${own.slice(1)}`;
}

function intern(body: string): string {
  const known = sharedBodies.get(body);
  if (known !== undefined) return known;
  // Bounded: past the cap start again; strings still queued stay alive where they are.
  if (sharedBodies.size >= MAX_SHARED) sharedBodies.clear();
  sharedBodies.set(body, body);
  return body;
}
