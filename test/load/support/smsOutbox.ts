import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Twilio's Messages API that keeps each number's texts in order and
 * wakes whoever waits for them: the load test's SMS inbox. It answers a create as Twilio
 * does (201 with a message resource), with Twilio's own path and form fields.
 */
export class SmsOutbox {
  private readonly byNumber = new Map<string, string[]>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private created = 0;
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !/\/Messages\.json$/.test(req.url ?? '')) {
        res.writeHead(204);
        res.end();
        return;
      }
      const form = new URLSearchParams(body);
      const to = form.get('To') ?? '';
      const texts = this.byNumber.get(to) ?? [];
      texts.push(form.get('Body') ?? '');
      this.byNumber.set(to, texts);
      for (const wake of this.waiters.get(to) ?? []) wake();
      this.created += 1;
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          sid: `SM${String(this.created).padStart(32, '0')}`,
          status: 'queued',
          to,
        }),
      );
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every text sent to `number`, in the order the API received them. */
  texts(number: string): string[] {
    return this.byNumber.get(number) ?? [];
  }

  count(number: string): number {
    return this.texts(number).length;
  }

  /** Texts received in all. */
  get total(): number {
    return this.created;
  }

  /** Resolves once `number` has had at least `count` texts; rejects after `timeoutMs`. */
  waitFor(number: string, count: number, timeoutMs: number): Promise<void> {
    if (this.count(number) >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const set = this.waiters.get(number) ?? new Set();
      this.waiters.set(number, set);
      const timer = setTimeout(() => {
        set.delete(check);
        reject(new Error(`SMS: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (this.count(number) < count) return;
        clearTimeout(timer);
        set.delete(check);
        resolve();
      };
      set.add(check);
    });
  }
}
