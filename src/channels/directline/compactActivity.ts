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
  const body = JSON.stringify(rest);
  return { own: JSON.stringify(own), body: activity.from?.role === 'bot' ? intern(body) : body };
}

/** The activity again, as the client receives it. */
export function expandActivity(compact: CompactActivity): Activity {
  return { ...(JSON.parse(compact.body) as Activity), ...(JSON.parse(compact.own) as object) };
}

function intern(body: string): string {
  const known = sharedBodies.get(body);
  if (known !== undefined) return known;
  // Bounded: past the cap start again; strings still queued stay alive where they are.
  if (sharedBodies.size >= MAX_SHARED) sharedBodies.clear();
  sharedBodies.set(body, body);
  return body;
}
