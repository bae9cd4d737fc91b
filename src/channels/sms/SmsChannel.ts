import { createHmac } from 'node:crypto';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { SmsSettings } from '../../config/smsSettings.js';
import { errorName } from '../../observability/errorName.js';
import type { Log } from '../../observability/log.js';
import type { StatePort } from '../../state/StatePort.js';
import type { ChannelInput, TurnRunner } from '../../turns/TurnRunner.js';
import { isMessage, type OutgoingActivity } from '../render/outgoingActivity.js';
import { smsConversationKey } from './conversationKey.js';
import { KeyedQueue } from './keyedQueue.js';
import { SMS_CHANNEL } from './smsChannelId.js';
import { readSmsKeyword } from './smsKeywords.js';
import type { TwilioSender } from './TwilioSender.js';

/** How long a MessageSid is remembered, so Twilio's retries of a webhook are answered once. */
export const SEEN_FOR_MS = 24 * 60 * 60_000;
/** Urgency detection reads at most this much of a text that is over a limit. */
const DETECT_CHARS = 4096;

/** What the SMS channel needs from the rest of the app. */
export interface SmsChannelDeps {
  turns: TurnRunner;
  /** The turn service's store; it also remembers which MessageSids were seen. */
  state: StatePort;
  sms: SmsSettings;
  sender: TwilioSender;
  log: Log;
  isEmergency: (text: string) => boolean;
}

/** The fields of Twilio's inbound message webhook that Waymark reads; the rest are ignored. */
export interface InboundSms {
  From?: string;
  Body?: string;
  MessageSid?: string;
  OptOutType?: string;
}

/**
 * SMS through Twilio, without its HTTP layer: it only translates between Twilio's webhook
 * and the turn service (the same bot, state, urgency detection and signpost as every other
 * channel), then sends the rendered messages through the Messages API.
 *
 * - The conversation key is an HMAC of the number; the number stays in memory only.
 * - One turn at a time per number, in arrival order, so no turn runs on stale state.
 * - A MessageSid is answered once, however often Twilio delivers it.
 * - A burst is answered once with the kind "slow down" reply (with 999); the rest of it is
 *   dropped, except a message with words of danger, which always runs.
 * - STOP and the other opt-out words forget the conversation and send nothing.
 */
export class SmsChannel {
  private readonly queue = new KeyedQueue();
  private readonly limiter: RateLimiterMemory;
  private readonly noticeLimiter: RateLimiterMemory;

  constructor(private readonly deps: SmsChannelDeps) {
    const duration = deps.sms.rateWindowSeconds;
    this.limiter = new RateLimiterMemory({ points: deps.sms.rateMessages, duration });
    this.noticeLimiter = new RateLimiterMemory({ points: 1, duration });
  }

  /** Takes one verified inbound message. Resolves once it is queued; never rejects. */
  async receive(message: InboundSms): Promise<void> {
    const { log } = this.deps;
    try {
      const from = message.From?.trim();
      if (!from) {
        log('sms-no-sender');
        return;
      }
      if (message.MessageSid && !(await this.firstDelivery(message.MessageSid))) {
        log('sms-duplicate-ignored');
        return;
      }
      const key = smsConversationKey(this.deps.sms.key, from);
      const body = message.Body ?? '';
      const limit = await this.rateDecision(key, body);
      if (limit === 'drop') return;
      void this.queue.run(key, () => this.handle(from, key, body, message, limit));
    } catch (error) {
      log('sms-receive-failed', { error: errorName(error) });
    }
  }

  /** Resolves when every queued turn has run and its replies have gone out. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Runs one message's turn and sends its replies; called one at a time per number. */
  private async handle(
    from: string,
    key: string,
    body: string,
    message: InboundSms,
    limit: 'rate' | undefined,
  ): Promise<void> {
    const { turns, log, sender, sms } = this.deps;
    let activities: OutgoingActivity[];
    try {
      const keyword = limit ? undefined : readSmsKeyword(body, message.OptOutType);
      if (keyword === 'stop') {
        // Twilio blocks sends from now on and confirms itself: forget, and send nothing.
        await turns.forget(SMS_CHANNEL, key);
        log('sms-opted-out');
        return;
      }
      let input: ChannelInput = { kind: 'message', text: body, ...(limit ? { limit } : {}) };
      if (keyword === 'start') {
        await turns.forget(SMS_CHANNEL, key);
        input = { kind: 'open' };
      }
      const outcome = await turns.runTurn({ channel: SMS_CHANNEL, conversationKey: key, input });
      activities = outcome.activities;
    } catch (error) {
      log('sms-turn-failed', { error: errorName(error) });
      activities = turns.failSafe(SMS_CHANNEL, body);
    }
    const bodies = activities.filter(isMessage).map((activity) => activity.text);
    const outcome = await sender.sendAll(from, bodies);
    log('sms-replied', { messages: bodies.length, outcome });
    if (sms.deleteAfterSend && message.MessageSid) sender.deleteRecord(message.MessageSid);
  }

  /**
   * Counts the message against the number's rate. Over the rate, the first message in the
   * window gets the kind "slow down" reply and the rest are dropped, unless it has words
   * of danger: those always run in full (and still count).
   */
  private async rateDecision(key: string, body: string): Promise<'rate' | 'drop' | undefined> {
    try {
      await this.limiter.consume(key);
      return undefined;
    } catch {
      // Over the rate.
    }
    if (this.emergency(body)) {
      this.deps.log('sms-rate-limit-bypassed');
      return undefined;
    }
    try {
      await this.noticeLimiter.consume(key);
      this.deps.log('sms-rate-limited', { noticed: true });
      return 'rate';
    } catch {
      this.deps.log('sms-rate-limited', { noticed: false });
      return 'drop';
    }
  }

  private emergency(body: string): boolean {
    try {
      return this.deps.isEmergency(body.slice(0, DETECT_CHARS));
    } catch {
      // When in doubt, choose the higher level: a failing detector lets the message through.
      return true;
    }
  }

  /**
   * True the first time a MessageSid is seen. It is remembered in the state store (create
   * only), so instances sharing a store answer a retried webhook once between them. The
   * SID is stored as an HMAC, so the store cannot be tied to Twilio's records of it.
   */
  private async firstDelivery(messageSid: string): Promise<boolean> {
    const hashed = createHmac('sha256', this.deps.sms.key).update(messageSid).digest('base64url');
    const expiresAt = new Date(Date.now() + SEEN_FOR_MS);
    try {
      const written = await this.deps.state.write(`sms-seen/${hashed}`, {}, undefined, expiresAt);
      return written.kind === 'written';
    } catch (error) {
      // The store is down: answer rather than risk silence (a retry may then be answered twice).
      this.deps.log('sms-dedupe-unavailable', { error: errorName(error) });
      return true;
    }
  }
}
