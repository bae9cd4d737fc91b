import { randomBytes } from 'node:crypto';
import { Conversation } from './conversation.js';
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
  constructor(
    private readonly limits: DirectLineLimits,
    private readonly idleMs: number,
    private readonly onExpired: (conversation: Conversation) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.sweep(), limits.sweepIntervalMs);
    // The sweep must never keep the process (or a test run) alive on its own.
    this.timer.unref();
  }

  /** Opens a conversation with a fresh, unguessable id. Throws StoreFullError at the cap. */
  create(userId: string, locale?: string): Conversation {
    if (this.conversations.size >= this.limits.maxConversations) {
      this.sweep();
      if (this.conversations.size >= this.limits.maxConversations) throw new StoreFullError();
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
    if (conversation.isIdle(this.now(), this.idleMs)) {
      this.expire(conversation);
      return undefined;
    }
    return conversation;
  }

  /** Deletes a conversation and everything queued in it. Returns whether it existed. */
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
      if (conversation.isIdle(now, this.idleMs)) this.expire(conversation);
    }
  }

  /** Stops the sweep and drops every conversation. */
  close(): void {
    clearInterval(this.timer);
    for (const conversation of this.conversations.values()) conversation.clear();
    this.conversations.clear();
  }

  private expire(conversation: Conversation): void {
    this.delete(conversation.id);
    this.onExpired(conversation);
  }
}
