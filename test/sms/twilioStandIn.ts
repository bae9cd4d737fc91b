import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the stand-in Messages API, as Twilio would have received it. */
export interface CapturedCall {
  method: string;
  path: string;
  /** The form fields of a POST (To, From or MessagingServiceSid, Body…). */
  form: Record<string, string>;
  /** The Basic auth user (the account SID). */
  user: string;
  /** What the stand-in answered: 201 or 204, an error status, or 0 (never answered). */
  status: number;
}

/** What the stand-in does with the next message create: answer, fail, or never answer. */
export type Behaviour = { kind: 'fail'; status: number; code: number } | { kind: 'hang' };

/**
 * A loopback stand-in for the Twilio Messages API: it records each call and answers as
 * Twilio does (201 with a message resource, or Twilio's error JSON). Tests queue failures
 * to try the bot's retries. It listens on 127.0.0.1 on a free port.
 */
export class TwilioStandIn {
  readonly calls: CapturedCall[] = [];
  /** Behaviours for the next message creates, used up in order; then every create succeeds. */
  readonly next: Behaviour[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private hanging: http.ServerResponse[] = [];
  private count = 0;
  private waiters: (() => void)[] = [];

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The messages created so far (what Twilio would send), in the order they arrived. */
  get sent(): CapturedCall[] {
    return this.calls.filter((call) => call.status === 201);
  }

  /** Waits until `predicate` holds (checked on every call), or fails after a generous time. */
  async waitFor(predicate: () => boolean, what: string, ms = 20_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`Twilio stand-in: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64');
      const call: CapturedCall = {
        method: req.method ?? '',
        path: req.url ?? '',
        form: Object.fromEntries(new URLSearchParams(body)),
        user: auth.toString('utf8').split(':')[0] ?? '',
        status: 0,
      };
      const isCreate = call.method === 'POST' && /\/Messages\.json$/.test(call.path);
      const behaviour = isCreate ? this.next.shift() : undefined;
      this.calls.push(call);
      for (const wake of this.waiters.splice(0)) wake();
      if (behaviour?.kind === 'hang') {
        this.hanging.push(res);
        return;
      }
      if (behaviour?.kind === 'fail') {
        call.status = behaviour.status;
        res.writeHead(behaviour.status, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            code: behaviour.code,
            message: 'Stand-in failure',
            status: behaviour.status,
          }),
        );
        return;
      }
      if (call.method === 'DELETE') {
        call.status = 204;
        res.writeHead(204);
        res.end();
        return;
      }
      this.count += 1;
      call.status = 201;
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          sid: `SM${String(this.count).padStart(32, '0')}`,
          status: 'queued',
          to: call.form.To,
          body: call.form.Body,
        }),
      );
    });
  }
}
