/** The answer of a rate check. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A sliding-window counter for one conversation: at most `max` events in any `windowMs`.
 *
 * A sliding log rather than a fixed window, so a flood cannot get twice the rate by
 * straddling a window boundary. The log never holds more than `max` timestamps.
 */
export class SlidingWindowLimiter {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one event at `now` if it is within the rate; otherwise says when to retry. */
  take(now: number): RateDecision {
    this.prune(now);
    if (this.times.length < this.max) {
      this.times.push(now);
      return { allowed: true };
    }
    const oldest = this.times[0] ?? now;
    const waitMs = Math.max(oldest + this.windowMs - now, 0);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /**
   * Counts an event that bypasses the limit (an emergency). It still fills the window, so
   * a flood of them is not a way to reset it, but it is never refused.
   */
  force(now: number): void {
    this.prune(now);
    if (this.times.length >= this.max) this.times.shift();
    this.times.push(now);
  }

  private prune(now: number): void {
    while (this.times.length > 0 && (this.times[0] ?? now) <= now - this.windowMs) {
      this.times.shift();
    }
  }
}
