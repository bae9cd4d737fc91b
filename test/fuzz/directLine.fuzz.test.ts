import { expect } from 'chai';
import fc from 'fast-check';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import {
  anyActivityShape,
  anyBody,
  anyContentType,
  anyEncoding,
  anyPathSegment,
  anyText,
  headerSafe,
  marked,
} from './arbitraries.js';
import { send } from './send.js';

const RUNS = 120;
const SECRET = 'fuzz-direct-line-secret';

interface Polled {
  from: { role: string };
  text?: string;
  channelData?: { signpost?: { urgency: string } };
}

describe('fuzz: Direct Line and /api/webchat/* (issue 6)', function () {
  this.timeout(300_000);
  let app: App;
  let base: string;
  const failures: string[] = [];

  before(async () => {
    app = createApp(loadSettings({ PORT: '0', DIRECT_LINE_SECRET: SECRET }), {
      log: (event, fields) => {
        if (
          event === 'http-error' ||
          event.endsWith('request_failed') ||
          event.endsWith('turn_failed')
        ) {
          failures.push(`${event} ${JSON.stringify(fields)}`);
        }
      },
    });
    base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
  });
  after(() => app.close());
  afterEach(() => expect(failures, 'server errors logged').to.deep.equal([]));

  /** Opens a conversation with the secret (not rate-limited), as a server-side caller would. */
  const open = async () => {
    const opened = await send(
      base,
      'POST',
      '/v3/directline/conversations',
      { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' },
      '{}',
    );
    expect(opened.status).to.equal(201);
    return JSON.parse(opened.text) as { conversationId: string; token: string };
  };
  const poll = async (conversationId: string, token: string) => {
    const answer = await send(
      base,
      'GET',
      `/v3/directline/conversations/${conversationId}/activities`,
      {
        Authorization: `Bearer ${token}`,
      },
    );
    expect(answer.status).to.equal(200);
    return (JSON.parse(answer.text) as { activities: Polled[] }).activities;
  };
  const postText = (conversationId: string, token: string, text: string) =>
    send(
      base,
      'POST',
      `/v3/directline/conversations/${conversationId}/activities`,
      { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      JSON.stringify({ type: 'message', text, textFormat: 'plain' }),
    );

  it('posting anything to a conversation: no 5xx, bot replies hold 999 and never the text, danger still answered', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyBody,
          anyActivityShape.map((shape) => Buffer.from(JSON.stringify(shape))),
          anyText.map((text) => Buffer.from(JSON.stringify({ type: 'message', text }))),
        ),
        anyContentType,
        anyEncoding,
        async (body, type, encoding) => {
          fc.pre(headerSafe(type) && headerSafe(encoding));
          n += 1;
          const { conversationId, token } = await open();
          const text = marked(n, 'x');
          const withMarker = body.toString('utf8').replace(/"text":"/, `"text":"${text}`);
          const answer = await send(
            base,
            'POST',
            `/v3/directline/conversations/${conversationId}/activities`,
            {
              Authorization: `Bearer ${token}`,
              'Content-Type': type,
              'Content-Encoding': encoding,
            },
            withMarker.length === body.length ? body : withMarker,
          );
          expect(answer.status).to.be.within(200, 499);
          expect(answer.text).not.to.include(`fz${n}mark`);
          const replies = (await poll(conversationId, token)).filter((a) => a.from.role === 'bot');
          expect(JSON.stringify(replies)).to.include('999');
          expect(JSON.stringify(replies)).not.to.include(`fz${n}mark`);
          expect((await postText(conversationId, token, 'he has a knife')).status).to.equal(200);
          const last = (await poll(conversationId, token))
            .filter((a) => a.from.role === 'bot')
            .at(-1);
          expect(last?.channelData?.signpost?.urgency).to.equal('emergency');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('any method, path, query and credential under /v3/directline and /api/webchat: no 5xx', async () => {
    const { conversationId, token } = await open();
    const segment = fc.oneof(
      fc.constantFrom(
        'conversations',
        conversationId,
        'activities',
        'tokens',
        'refresh',
        'generate',
        'upload',
        'stream',
        '..',
        '%2e%2e',
        '%00',
        'x'.repeat(300),
      ),
      anyPathSegment,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD'),
        fc.constantFrom('/v3/directline', '/api/webchat'),
        fc.array(segment, { maxLength: 4 }),
        fc.option(
          anyPathSegment.map((segment) => `?watermark=${segment}`),
          { nil: '' },
        ),
        fc.constantFrom(
          `Bearer ${token}`,
          `Bearer ${SECRET}`,
          'Bearer x.y.z',
          'Basic abc',
          '',
          undefined,
        ),
        fc.option(fc.constantFrom('https://evil.example', 'null', base), { nil: undefined }),
        anyBody,
        async (method, root, segments, query, authorization, origin, body) => {
          const path = `${root}/${segments.join('/')}${query}`;
          const answer = await send(
            base,
            method,
            path,
            { Authorization: authorization, Origin: origin, 'Content-Type': 'application/json' },
            method === 'GET' || method === 'HEAD' ? undefined : body,
          );
          expect(answer.status, `${method} ${path}`).to.be.within(100, 499);
        },
      ),
      { numRuns: RUNS },
    );
    // The conversation used throughout still answers danger.
    expect((await postText(conversationId, token, 'he has a knife')).status).to.be.oneOf([
      200, 404,
    ]);
    expect((await send(base, 'GET', '/healthz')).status).to.equal(200);
  });
});
