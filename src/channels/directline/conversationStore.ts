import { randomBytes } from 'node:crypto';
import { Conversation } from './conversation.js';
import type { ConversationRecordStore } from './conversationRecords.js';
import type { DirectLineLimits } from './limits.js';

/** Why a conversation could not be created. */
export class StoreFullError extends Error {
  constructor() {
    super('Too many conversations are open.');
    this.name = 'StoreFullError';
  }
}

/**
 * All open conversations of the channel, in memory only.
 *
 * Nothing here survives a restart, by design: queued activities hold the echo of what the
 * person typed, and leaving no trace matters more than resuming after a crash. Because the
 * state is per process, running several instances needs sticky routing by conversation id.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly timer: NodeJS.Timeout;

  /**
   * @param idleMs how long a conversation may go without a request before it expires.
   * @param onExpired told of each expired conversation, after it has been removed.
   */
  /**
   * @param records shared conversation records (several instances): a conversation this
   *   instance does not hold is looked up there, and an idle one is only dropped from memory,
   *   since the person may be carrying on elsewhere; shared state expires on its own.
   */
  constructor(
    private readonly limits: DirectLineLimits,
    private readonly idleMs: number,
    private readonly onExpired: (conversation: Conversation) => void,
    private readonly now: () => number = Date.now,
    private readonly records?: ConversationRecordStore,
  ) {
    this.timer = setInterval(() => this.sweep(), limits.sweepIntervalMs);
    // The sweep must never keep the process (or a test run) alive on its own.
    this.timer.unref();
  }

  /**
   * Opens a conversation with a fresh, unguessable id. Throws StoreFullError at the cap; a
   * chat opened from a browser meets its cap sooner (`browserShare`), so a flood of them
   * never locks out server-side callers holding the secret.
   */
  create(userId: string, locale?: string, from: 'browser' | 'secret' = 'secret'): Conversation {
    const cap =
      from === 'browser'
        ? Math.floor(this.limits.maxConversations * this.limits.browserShare)
        : this.limits.maxConversations;
    if (this.conversations.size >= cap) {
      this.sweep();
      if (this.conversations.size >= cap) throw new StoreFullError();
    }
    const id = randomBytes(16).toString('base64url');
    const conversation = new Conversation(id, userId, locale, this.limits, this.now());
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** The open conversation with this id, if it exists and has not expired. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (conversation.isIdle(this.now(), this.idleFor(conversation))) {
      this.expire(conversation);
      return undefined;
    }
    return conversation;
  }

  /**
   * The open conversation with this id: from memory, or else from the shared records, when
   * its instance has gone and the person carries on here.
   */
  async find(id: string): Promise<Conversation | undefined> {
    const local = this.get(id);
    if (local || !this.records) return local;
    const record = await this.records.load(id);
    if (!record) return undefined;
    // Another request may have loaded it meanwhile; keep the one already in memory.
    const raced = this.conversations.get(id);
    if (raced) return raced;
    const conversation = new Conversation(
      id,
      record.userId,
      record.locale,
      this.limits,
      this.now(),
    );
    conversation.userBound = record.userBound;
    conversation.started = record.started;
    conversation.continueFrom(record.lastSeq);
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Saves what another instance would need to carry the conversation on (shared mode). */
  async persist(conversation: Conversation): Promise<void> {
    if (!this.records || conversation.deleted) return;
    await this.records.save({
      id: conversation.id,
      userId: conversation.userId,
      ...(conversation.locale !== undefined ? { locale: conversation.locale } : {}),
      userBound: conversation.userBound,
      started: conversation.started,
      lastSeq: conversation.lastSequence,
    });
  }

  /** Deletes a conversation here and its shared record, so no instance can carry it on. */
  async deleteEverywhere(id: string): Promise<void> {
    this.delete(id);
    await this.records?.delete(id);
  }

  /** Deletes a conversation and everything queued in it. Returns whether it existed here. */
  delete(id: string): boolean {
    const conversation = this.conversations.get(id);
    if (!conversation) return false;
    this.conversations.delete(id);
    conversation.clear();
    return true;
  }

  /** Number of open conversations. */
  get size(): number {
    return this.conversations.size;
  }

  /** Removes every conversation that has been idle too long. */
  sweep(): void {
    const now = this.now();
    for (const conversation of this.conversations.values()) {
      if (conversation.isIdle(now, this.idleFor(conversation))) this.expire(conversation);
    }
  }

  /** Stops the sweep and drops every conversation. */
  close(): void {
    clearInterval(this.timer);
    for (const conversation of this.conversations.values()) conversation.clear();
    this.conversations.clear();
  }

  /**
   * How long a conversation may be silent: short while it was never opened, or opened but
   * never sent a message (abandoned, or one of a flood), and the token's lifetime after.
   */
  private idleFor(conversation: Conversation): number {
    if (!conversation.started) return Math.min(this.limits.unopenedIdleMs, this.idleMs);
    if (!conversation.messaged) return Math.min(this.limits.unusedIdleMs, this.idleMs);
    return this.idleMs;
  }

  private expire(conversation: Conversation): void {
    if (this.records) {
      // Shared mode: only this instance's copy goes; the records and state expire by TTL.
      this.conversations.delete(conversation.id);
      this.records.release(conversation.id);
      conversation.clear();
      return;
    }
    this.delete(conversation.id);
    this.onExpired(conversation);
  }
}
