import http from 'node:http';
import { expect } from 'chai';
import { startProcess, startWaymark } from './support/waymarkProcess.js';

/** One raw request with node's http, so any header (Content-Encoding…) can be sent. */
function send(
  base: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const activity = JSON.stringify({
  type: 'message',
  text: 'hello',
  channelId: 'emulator',
  deliveryMode: 'expectReplies',
  serviceUrl: 'http://127.0.0.1:9',
  conversation: { id: 'crash-1' },
  from: { id: 'u' },
  recipient: { id: 'waymark' },
});

describe('no request can end the process (issue 6, defect 1)', function () {
  this.timeout(120_000);

  for (const [label, env, extraHeaders] of [
    ['from loopback', {}, {}],
    ['with X-Forwarded-For', {}, { 'X-Forwarded-For': '203.0.113.9' }],
    ['with MicrosoftAppId set', { MicrosoftAppId: 'app-id-for-test' }, {}],
  ] as const) {
    it(`a body labelled gzip that is not gzip is refused and Waymark keeps serving (${label})`, async () => {
      const waymark = await startWaymark(env);
      try {
        const headers = {
          'Content-Type': 'application/json',
          'Content-Encoding': 'gzip',
          ...extraHeaders,
        };
        const reply = await send(waymark.base, '/api/messages', headers, 'not gzip');
        expect(reply.status).to.be.within(400, 499);
        expect(reply.text).not.to.include('not gzip');
        for (const encoding of ['deflate', 'br', 'gzip, deflate', 'x-unknown']) {
          const other = await send(
            waymark.base,
            '/api/messages',
            { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
            'not compressed at all',
          );
          expect(other.status, encoding).to.be.within(400, 499);
        }
        const health = await fetch(`${waymark.base}/healthz`);
        expect(health.status).to.equal(200);
        expect(waymark.alive()).to.equal(true);
        if (!('MicrosoftAppId' in env) && !('X-Forwarded-For' in extraHeaders)) {
          const plain = await send(
            waymark.base,
            '/api/messages',
            { 'Content-Type': 'application/json' },
            activity,
          );
          expect(plain.status).to.equal(200);
          expect(plain.text).to.include('999');
        }
      } finally {
        await waymark.stop('SIGKILL');
      }
    });
  }
});

describe('the process-level guard', function () {
  this.timeout(60_000);

  it('logs an escaped error by class and code, never its message, and keeps running', async () => {
    const guarded = startProcess('test/server/support/throwWithGuard.ts');
    try {
      await guarded.waitForLine((line) => line.includes('"event":"uncaught-exception"'));
      await guarded.waitForLine((line) => line.includes('"event":"unhandled-rejection"'));
      const after = await guarded.waitForLine((line) => line.includes('still serving'));
      expect(after).to.include('still serving');
      const all = guarded.lines.join('\n');
      expect(all).to.include('"error":"TypeError"').and.include('"code":"ERR_TEST_GUARD"');
      expect(all).to.include('"error":"RangeError"');
      expect(all).not.to.include('private words');
      expect(guarded.alive()).to.equal(true);
    } finally {
      await guarded.stop('SIGKILL');
    }
  });
});
