/** How often an end that could not be sent is tried again, besides on "online". */
const RETRY_MS = 15000;

/**
 * Ends of a conversation that must reach the server while the page stays ("End chat", or
 * the page hiding). Sent with fetch, so a failure is seen: while offline the end is kept
 * here (in memory only: the token, never anything typed) and sent again when the browser
 * is back online, and every 15 s meanwhile, so the old conversation does not stay
 * readable until it expires. (Quick exit cannot wait for this: it sends a beacon and
 * leaves; the server then deletes the chat once its page has been gone for
 * DIRECT_LINE_IDLE_SECONDS.)
 */
export class PendingEnds {
  private readonly waiting = new Set<string>();
  private timer: number | undefined;

  constructor(private readonly endUrl: string) {
    window.addEventListener('online', () => this.flush());
  }

  /** Ends the conversation of `token` on the server, now or as soon as it can be sent. */
  end(token: string): void {
    this.waiting.add(token);
    this.flush();
  }

  /** How many ends are still waiting to be sent. */
  get size(): number {
    return this.waiting.size;
  }

  private flush(): void {
    for (const token of [...this.waiting]) {
      fetch(this.endUrl, {
        method: 'POST',
        // A string body is sent as text/plain, which needs no CORS preflight.
        body: token,
        headers: { 'Content-Type': 'text/plain' },
        keepalive: true,
        mode: 'no-cors',
        credentials: 'omit',
        cache: 'no-store',
      }).then(
        () => this.waiting.delete(token),
        () => this.retryLater(),
      );
    }
  }

  private retryLater(): void {
    if (this.timer !== undefined) return;
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, RETRY_MS);
  }
}
