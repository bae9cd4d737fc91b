import http from 'node:http';
import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';

interface Answer {
  status: number;
  text: string;
}

describe('/api/messages refuses bad input kindly and early (issue 6, defects 2 and 7)', function () {
  this.timeout(60_000);
  let app: App;
  let port: number;
  const events: string[] = [];

  before(async () => {
    app = createApp(loadSettings({ PORT: '0' }), { log: (event) => events.push(event) });
    port = (await app.listen(0, '127.0.0.1')).port;
  });
  after(() => app.close());

  /**
   * Sends the headers and the first part of a body, and keeps the rest back until the
   * server answers or `holdMs` passes: an answer before the body is complete shows that
   * the server decided without reading it.
   */
  const answerBeforeBody = (headers: Record<string, string>, holdMs = 15_000) =>
    new Promise<Answer & { beforeBodyEnded: boolean }>((resolve, reject) => {
      let ended = false;
      const req = http.request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/messages', headers, agent: false },
        (res) => {
          const beforeBodyEnded = !ended;
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, beforeBodyEnded }));
          clearTimeout(timer);
          if (!ended) req.destroy();
        },
      );
      req.on('error', () => undefined);
      req.write(Buffer.alloc(64 * 1024, 0x1f));
      const timer = setTimeout(() => {
        ended = true;
        req.end(Buffer.alloc(64 * 1024, 0x1f));
      }, holdMs);
      req.on('close', () => undefined);
      void reject;
    });

  const post = (body: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/messages',
          headers: { 'Content-Type': 'application/json', ...headers },
          agent: false,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('refuses a proxied caller before reading a byte of its (compressed) body', async () => {
    const answer = await answerBeforeBody({
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
      'Content-Length': String(10 * 1024 * 1024),
      'X-Forwarded-For': '203.0.113.9',
    });
    expect(answer.status).to.equal(401);
    expect(answer.beforeBodyEnded, 'answered before the body was sent').to.equal(true);
  });

  it('refuses a compressed body from loopback before reading it', async () => {
    const answer = await answerBeforeBody({
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
      'Content-Length': String(10 * 1024 * 1024),
    });
    expect(answer.status).to.equal(415);
    expect(answer.beforeBodyEnded).to.equal(true);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const answer = await post(JSON.stringify({ type: 'message', text: 'a'.repeat(1100 * 1024) }));
    expect(answer.status).to.equal(413);
  });

  it('gives 400, not 500, to an activity with no type or a type that is not a string', async () => {
    for (const body of [
      { text: 'no type' },
      { type: 42, text: 'x' },
      { type: ['message'] },
      { type: '' },
      { type: 'message', conversation: 'not-an-object' },
      { type: 'message', from: 7 },
    ]) {
      const answer = await post(JSON.stringify(body));
      expect(answer.status, JSON.stringify(body)).to.equal(400);
    }
    expect(events).not.to.include('api-messages-failed');
  });

  it('never repeats the input in an error body', async () => {
    for (const body of [
      'not json <b>echo-me-4471</b>',
      '{"type":"message","text":"echo-me-4471"',
    ]) {
      const answer = await post(body);
      expect(answer.status).to.equal(400);
      expect(answer.text).not.to.include('echo-me-4471').and.not.to.include('<b>');
    }
  });

  it('treats a request with only X-Real-IP as not local', async () => {
    const answer = await post(JSON.stringify({ type: 'message', text: 'hi' }), {
      'X-Real-IP': '203.0.113.9',
    });
    expect(answer.status).to.equal(401);
  });
});
