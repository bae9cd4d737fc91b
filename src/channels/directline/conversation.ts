import type { Activity } from './activities.js';
import {
  activityJson,
  compactActivity,
  expandActivity,
  type CompactActivity,
} from './compactActivity.js';
import { SlidingWindowLimiter } from './rateLimiter.js';
import type { DirectLineLimits } from './limits.js';

/**
 * An activity waiting in a conversation's queue, with its position for watermarks. It is
 * kept packed as JSON text, with bot reply bodies shared between conversations: measured in
 * `npm run bench`, a web conversation with its replies unread took 5.6 KB of heap as objects.
 */
interface Queued {
  seq: number;
  packed: CompactActivity;
}

/** What a poll returns: activities after the client's watermark, and the new watermark. */
export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

/** An open stream (WebSocket) of a conversation, told of each activity as it is queued. */
export interface ConversationListener {
  /** A new activity, as JSON text, with the watermark that acknowledges it. */
  activity(json: string, watermark: string): void;
  /** The conversation was deleted or expired. */
  ended(): void;
}

/**
 * One self-hosted Direct Line conversation, held only in memory.
 *
 * It owns the queue of activities waiting for the client (the bot's replies and the echo of
 * the user's own messages), the watermark sequence, the flood limiter and a turn chain that
 * runs one turn at a time, so replies keep their order and state is never written by two
 * turns at once.
 */
export class Conversation {
  /** True once the bot has been told the conversation started (the greeting is queued). */
  started = false;
  /** True once the client has sent a message; until then the conversation expires sooner. */
  messaged = false;
  /** True when the user id was bound by the server (from a token request), not the client. */
  userBound = false;
  /** Set when the conversation has been deleted, so late replies are dropped, not queued. */
  deleted = false;
  /** When the client was last told kindly that it is sending too fast (ms since epoch). */
  lastRateNoticeAt = 0;
  readonly limiter: SlidingWindowLimiter;
  private readonly queue: Queued[] = [];
  private lastSeq = 0;
  private lastSeen: number;
  private turnChain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<ConversationListener>();

  constructor(
    readonly id: string,
    public userId: string,
    public locale: string | undefined,
    private readonly limits: DirectLineLimits,
    now: number,
  ) {
    this.limiter = new SlidingWindowLimiter(limits.rateMessages, limits.rateWindowMs);
    this.lastSeen = now;
  }

  /** Records client activity, which keeps the conversation from expiring. */
  touch(now: number): void {
    this.lastSeen = now;
  }

  /**
   * True when the client has been silent for longer than `idleMs`. An open stream counts as
   * a client that is there: its heartbeat drops it when the page has gone.
   */
  isIdle(now: number, idleMs: number): boolean {
    return this.listeners.size === 0 && now - this.lastSeen > idleMs;
  }

  /**
   * Starts telling `listener` of every activity queued from now on, and gives it, in the same
   * step, what is waiting after `watermark`, so that nothing falls between the two.
   */
  subscribe(
    listener: ConversationListener,
    watermark: string | undefined,
  ): { backlog: { count: number; json: string }; unsubscribe: () => void } {
    const json = this.readJson(watermark);
    const backlog = { count: this.queue.length, json };
    this.listeners.add(listener);
    return {
      backlog,
      unsubscribe: () => {
        if (this.listeners.delete(listener)) this.touch(Date.now());
      },
    };
  }

  /** Number of open streams. */
  get streamCount(): number {
    return this.listeners.size;
  }

  /** The last activity sequence number given out (kept in the shared conversation record). */
  get lastSequence(): number {
    return this.lastSeq;
  }

  /** Carries on the sequence of another instance, so ids and watermarks keep rising. */
  continueFrom(lastSeq: number): void {
    this.lastSeq = Math.max(this.lastSeq, lastSeq);
  }

  /** Gives the next activity id, in the `conversationId|0000001` form Azure uses. */
  nextId(): string {
    this.lastSeq += 1;
    return `${this.id}|${String(this.lastSeq).padStart(7, '0')}`;
  }

  /** Queues an activity whose id came from `nextId()`. */
  enqueue(activity: Activity): void {
    this.enqueuePacked(activity.id, compactActivity(activity));
  }

  /** Queues an activity already packed (see activities.ts), whose id came from `nextId()`. */
  enqueuePacked(id: string | undefined, packed: CompactActivity): void {
    if (this.deleted) return;
    const parsed = id === undefined ? NaN : Number(id.slice(id.lastIndexOf('|') + 1));
    const seq = Number.isFinite(parsed) ? parsed : this.lastSeq;
    this.queue.push({ seq, packed });
    // A client that never reads must not grow memory without bound.
    if (this.queue.length > this.limits.maxQueuedActivities) this.queue.shift();
    if (this.listeners.size === 0) return;
    const json = activityJson(packed);
    const watermark = String(seq);
    for (const listener of this.listeners) listener.activity(json, watermark);
  }

  /**
   * Returns what the client has not yet acknowledged. A watermark is the client's proof that
   * it has read up to there, so everything at or before it is dropped from memory now.
   */
  read(watermark: string | undefined): ActivitySet {
    const mark = this.acknowledge(watermark);
    return {
      activities: this.queue.map((item) => expandActivity(item.packed)),
      watermark: String(mark),
    };
  }

  /**
   * The same as `read`, as the JSON text of the answer, joined from the packed activities
   * without parsing and serialising them again (a poll's answer).
   */
  readJson(watermark: string | undefined): string {
    const mark = this.acknowledge(watermark);
    const activities = this.queue.map((item) => activityJson(item.packed)).join(',');
    return `{"activities":[${activities}],"watermark":"${mark}"}`;
  }

  /** Drops what `watermark` acknowledges; gives the watermark of what is left. */
  private acknowledge(watermark: string | undefined): number {
    const parsed =
      watermark !== undefined && /^\d{1,15}$/.test(watermark) ? Number(watermark) : NaN;
    // A watermark from the future would otherwise acknowledge replies not yet written.
    const acked = Number.isNaN(parsed) ? undefined : Math.min(parsed, this.lastSeq);
    if (acked !== undefined) {
      let drop = 0;
      while (drop < this.queue.length && (this.queue[drop]?.seq ?? Infinity) <= acked) drop++;
      if (drop > 0) this.queue.splice(0, drop);
    }
    const last = this.queue[this.queue.length - 1];
    return last ? last.seq : (acked ?? this.lastSeq);
  }

  /**
   * Takes back unread activities by sequence number (typing indicators once the reply they
   * stood for is queued). Anything already read, or pushed to an open stream, is not undone.
   */
  retract(seqs: ReadonlySet<number>): void {
    if (seqs.size === 0) return;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (seqs.has(this.queue[i]?.seq ?? NaN)) this.queue.splice(i, 1);
    }
  }

  /** Number of activities waiting for the client. */
  get queuedCount(): number {
    return this.queue.length;
  }

  /** Runs `turn` after every turn already queued for this conversation has finished. */
  runExclusive<T>(turn: () => Promise<T>): Promise<T> {
    const result = this.turnChain.then(turn, turn);
    // The chain must survive a failed turn; the caller still sees the failure.
    this.turnChain = result.catch(() => undefined);
    return result;
  }

  /** Forgets everything queued; called when the conversation is deleted or expires. */
  clear(): void {
    this.deleted = true;
    this.queue.length = 0;
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener.ended();
  }
}
