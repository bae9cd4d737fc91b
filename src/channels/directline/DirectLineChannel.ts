import type { Settings } from '../../config/settings.js';
import { errorName } from '../../observability/errorName.js';
import type { Log, LogEvent, LogFields } from '../../observability/log.js';
import type { ChannelInput, TurnRunner } from '../../turns/TurnRunner.js';
import { echoActivity, toClientActivity, turnInputOf, type PostedActivity } from './activities.js';
import type { Conversation } from './conversation.js';
import type { ConversationRecordStore } from './conversationRecords.js';
import { ConversationStore } from './conversationStore.js';
import { CHANNEL_ID, type DirectLineLimits } from './limits.js';
import { TokenService } from './tokens.js';
import { typingWhileSlow } from './typingIndicator.js';

/** The channel's log: the typed logger port, which cannot take message text or tokens. */
export type ChannelLog = Log;

/** What the channel needs from the rest of the app. */
export interface ChannelDeps {
  /** The turn pipeline; it forgets state on exit and answers failures with the fail-safe. */
  turns: TurnRunner;
  settings: Settings;
  log: ChannelLog;
  isEmergency: (text: string) => boolean;
  limits: DirectLineLimits;
  /** Shared conversation records, when several instances serve the channel. */
  records?: ConversationRecordStore;
}

/** The outcome of posting an activity. */
export type PostOutcome =
  { kind: 'accepted'; id: string } | { kind: 'rate-limited'; retryAfterSeconds: number };

/** Activity types that run a turn; others (typing…) are acknowledged and dropped. */
const TURN_TYPES = new Set(['message', 'event']);

/**
 * The self-hosted Direct Line channel without its HTTP layer: conversations, tokens, limits
 * and turns, run in-process through the turn service. The routes only translate HTTP to
 * these calls.
 */
export class DirectLineChannel {
  readonly tokens: TokenService;
  readonly store: ConversationStore;

  constructor(private readonly deps: ChannelDeps) {
    const lifetimeSeconds = deps.settings.DIRECT_LINE_TOKEN_MINUTES * 60;
    this.tokens = new TokenService(deps.settings.directLineSecret, lifetimeSeconds);
    // A conversation whose page has gone (no poll, request or open stream for
    // DIRECT_LINE_IDLE_SECONDS, and never longer than a token lives) is dropped, and the
    // bot's state for it forgotten: a reload, or an exit that could not reach the server
    // while offline, leaves nothing readable for long.
    const idleSeconds = Math.min(deps.settings.DIRECT_LINE_IDLE_SECONDS, lifetimeSeconds);
    this.store = new ConversationStore(
      deps.limits,
      idleSeconds * 1000,
      (conversation) => {
        deps.log('directline-conversation-expired');
        void this.forget(conversation.id);
      },
      Date.now,
      deps.records,
    );
  }

  /**
   * Saves the conversation's shared record (several instances). A failure is logged, not
   * thrown: the chat carries on here, it just could not move to another instance.
   */
  async save(conversation: Conversation): Promise<void> {
    try {
      await this.store.persist(conversation);
    } catch (error) {
      this.deps.log('directline-record-save-failed', { error: errorName(error) });
    }
  }

  /** Runs the opening conversationUpdate once, so the greeting is queued before any typing. */
  async start(conversation: Conversation): Promise<void> {
    if (conversation.started) return;
    conversation.started = true;
    await conversation.runExclusive(() => this.runTurn(conversation, { kind: 'open' }));
  }

  /** Posts a client's activity: echoes it and runs a turn, unless the flood limit says no. */
  async post(conversation: Conversation, posted: PostedActivity): Promise<PostOutcome> {
    if (!TURN_TYPES.has(posted.type)) return { kind: 'accepted', id: conversation.nextId() };
    const now = Date.now();
    const decision = conversation.limiter.take(now);
    if (!decision.allowed) {
      if (!this.emergency(posted.text)) {
        await this.noticeRateLimit(conversation, posted.text, now);
        return { kind: 'rate-limited', retryAfterSeconds: decision.retryAfterSeconds };
      }
      // Limits never swallow an emergency: it is processed and still counted.
      conversation.limiter.force(now);
      this.deps.log('directline-rate-limit-bypassed');
    }
    return conversation.runExclusive(async () => {
      const id = conversation.nextId();
      conversation.enqueuePacked(id, echoActivity(conversation, id, posted));
      // Events (such as webchat/join) are echoed but run no turn: only messages do.
      if (posted.type === 'message') await this.runTurn(conversation, turnInputOf(posted), id);
      return { kind: 'accepted', id } as const;
    });
  }

  /**
   * Handles a message refused for size: the start of its text still goes to the bot, marked
   * so that it answers with a kind reply that shows 999 (or the emergency reply).
   */
  async postOversized(conversation: Conversation, textPrefix: string | undefined): Promise<void> {
    const text = textPrefix ?? '';
    const now = Date.now();
    if (!conversation.limiter.take(now).allowed) {
      // A flood of oversized bodies gets no more turns, unless one says someone is in danger.
      if (!this.emergency(text)) return;
      conversation.limiter.force(now);
    }
    await this.limitTurn(conversation, text, 'size');
  }

  /** Deletes a conversation (its tokens then fail) and forgets the bot's state for it. */
  async end(conversationId: string): Promise<void> {
    try {
      await this.store.deleteEverywhere(conversationId);
    } catch (error) {
      this.deps.log('directline-record-delete-failed', { error: errorName(error) });
    }
    await this.forget(conversationId);
  }

  /** Writes a structured log line (never message text, tokens or contact details). */
  log(event: LogEvent, fields?: LogFields): void {
    this.deps.log(event, fields);
  }

  /** Stops timers and drops every conversation. */
  close(): void {
    this.store.close();
  }

  /** Tells the flooding client kindly, at most once per rate window, that it must slow down. */
  private async noticeRateLimit(conversation: Conversation, text: string | undefined, now: number) {
    if (now - conversation.lastRateNoticeAt < this.deps.limits.rateWindowMs) return;
    conversation.lastRateNoticeAt = now;
    this.deps.log('directline-rate-limited');
    await this.limitTurn(conversation, text ?? '', 'rate');
  }

  private limitTurn(conversation: Conversation, text: string, limit: 'size' | 'rate') {
    const clipped = text.slice(0, this.deps.limits.oversizeTextChars);
    return conversation.runExclusive(() => {
      const posted: PostedActivity = { type: 'message', text: clipped, textFormat: 'plain' };
      return this.runTurn(conversation, turnInputOf(posted, limit));
    });
  }

  private emergency(text: string | undefined): boolean {
    if (!text) return false;
    try {
      return this.deps.isEmergency(text.slice(0, this.deps.limits.oversizeTextChars));
    } catch {
      // When in doubt, choose the higher level: a failing detector lets the message through.
      return true;
    }
  }

  /** Runs one turn; call only inside the conversation's runExclusive. */
  private async runTurn(
    conversation: Conversation,
    input: ChannelInput,
    replyToId?: string,
  ): Promise<void> {
    const stopTyping = typingWhileSlow(conversation, this.deps.limits);
    const outcome = await this.deps.turns
      .runTurn({ channel: CHANNEL_ID, conversationKey: conversation.id, input })
      .finally(stopTyping);
    for (const outgoing of outcome.activities) {
      if (conversation.deleted) return;
      const id = conversation.nextId();
      const packed = toClientActivity(conversation, id, outgoing, replyToId);
      if (packed) conversation.enqueuePacked(id, packed);
    }
    if (outcome.ended && !conversation.deleted) {
      // "exit": the conversation is deleted, so its token then fails (state is already gone).
      this.deps.log('directline-conversation-exit');
      await this.end(conversation.id);
      return;
    }
    await this.save(conversation);
  }

  private async forget(conversationId: string): Promise<void> {
    try {
      await this.deps.turns.forget(CHANNEL_ID, conversationId);
    } catch (error) {
      this.deps.log('directline-forget-failed', { error: errorName(error) });
    }
  }
}
