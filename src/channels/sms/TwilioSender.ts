import type twilio from 'twilio';
import type { SmsSettings } from '../../config/smsSettings.js';
import type { Log } from '../../observability/log.js';

/** Twilio's error for a number that has opted out (texted STOP): no send can reach it. */
export const OPTED_OUT = 21610;
/** Twilio's error for deleting a message it has not finished with yet. */
const NOT_YET_COMPLETE = 20009;

/** How sends are retried; tests shorten the waits. */
export interface SendPolicy {
  /** Tries per message, the first included. */
  attempts: number;
  /** Wait before each retry, in milliseconds (the last is reused). */
  backoffMs: readonly number[];
  /** Waits before each try to delete a message record Twilio is not done with. */
  deleteDelaysMs: readonly number[];
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  attempts: 3,
  backoffMs: [500, 2_000],
  // Twilio asks for at least a minute before deleting; then a few minutes more.
  deleteDelaysMs: [60_000, 5 * 60_000, 15 * 60_000],
};

/** How a turn's replies went out. */
export type SendOutcome = 'sent' | 'opted-out' | 'failed';

/** Twilio's status and error code of a failure, safe to log (never its message text). */
function describe(error: unknown): { status: number; code: number } {
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
  return {
    status: typeof status === 'number' ? status : 0,
    code: typeof code === 'number' ? code : 0,
  };
}

/** Worth another try: Twilio busy or failing (429, 5xx), or no answer at all (timeout). */
function retryable(error: unknown): boolean {
  const { status } = describe(error);
  return status === 0 || status === 429 || status >= 500;
}

/**
 * Sends replies through the Twilio Messages API with the official client, in order, one
 * after the other. A failure or timeout is retried a bounded number of times, then logged
 * by status and code only: never the number, the text or Twilio's message (which may quote
 * the number). Error 21610 (the number opted out) ends the sends quietly.
 */
export class TwilioSender {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly client: twilio.Twilio,
    private readonly sms: SmsSettings,
    private readonly log: Log,
    private readonly policy: SendPolicy = DEFAULT_SEND_POLICY,
    /** Where Twilio reports delivery, so the record can then be deleted. */
    private readonly statusCallbackUrl?: string,
  ) {}

  /** Sends each body to `to`, in order; stops at the first that cannot be sent. */
  async sendAll(to: string, bodies: readonly string[]): Promise<SendOutcome> {
    for (const body of bodies) {
      const outcome = await this.sendOne(to, body);
      if (outcome !== 'sent') return outcome;
    }
    return 'sent';
  }

  private async sendOne(to: string, body: string): Promise<SendOutcome> {
    const { sms } = this;
    const params = {
      to,
      body,
      ...('from' in sms.sender
        ? { from: sms.sender.from }
        : { messagingServiceSid: sms.sender.messagingServiceSid }),
      ...(sms.contentRetention === 'discard' ? { contentRetention: 'discard' as const } : {}),
      ...(sms.addressRetention === 'obfuscate' ? { addressRetention: 'obfuscate' as const } : {}),
      ...(this.statusCallbackUrl ? { statusCallback: this.statusCallbackUrl } : {}),
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.messages.create(params);
        if (attempt > 1) this.log('sms-send-recovered', { attempt });
        return 'sent';
      } catch (error) {
        const { status, code } = describe(error);
        if (code === OPTED_OUT) {
          this.log('sms-opted-out-at-twilio');
          return 'opted-out';
        }
        const again = retryable(error) && attempt < this.policy.attempts;
        this.log(again ? 'sms-send-retried' : 'sms-send-failed', { status, code, attempt });
        if (!again) return 'failed';
        await this.wait(this.policy.backoffMs[attempt - 1] ?? this.policy.backoffMs.at(-1) ?? 0);
      }
    }
  }

  /**
   * Deletes a message record at Twilio (SMS_DELETE_AFTER_SEND), trying again later while
   * Twilio is not done with it (error 20009). Runs in the background and never rejects.
   */
  deleteRecord(messageSid: string, tryNow = false): void {
    this.scheduleDelete(
      messageSid,
      tryNow ? [0, ...this.policy.deleteDelaysMs] : this.policy.deleteDelaysMs,
    );
  }

  private scheduleDelete(messageSid: string, delays: readonly number[]): void {
    const [delay, ...later] = delays;
    if (delay === undefined) {
      this.log('sms-delete-gave-up');
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.client
        .messages(messageSid)
        .remove()
        .then(() => this.log('sms-record-deleted'))
        .catch((error: unknown) => {
          const { status, code } = describe(error);
          if (status === 404) return;
          if (code === NOT_YET_COMPLETE || retryable(error)) this.scheduleDelete(messageSid, later);
          else this.log('sms-delete-failed', { status, code });
        });
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  /** Stops pending deletes (at shutdown). */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
