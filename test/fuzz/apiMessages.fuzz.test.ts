import { expect } from 'chai';
import fc from 'fast-check';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import {
  anyActivityShape,
  anyBody,
  anyContentType,
  anyEncoding,
  headerSafe,
  marked,
} from './arbitraries.js';
import { send } from './send.js';

const RUNS = 150;

describe('fuzz: /api/messages (issue 6)', function () {
  this.timeout(300_000);
  let app: App;
  let base: string;
  const failures: string[] = [];

  before(async () => {
    app = createApp(loadSettings({ PORT: '0' }), {
      log: (event, fields) => {
        if (event === 'http-error' || event === 'api-messages-failed') {
          failures.push(`${event} ${JSON.stringify(fields)}`);
        }
      },
    });
    base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
  });
  after(() => app.close());
  afterEach(() => expect(failures, 'server errors logged').to.deep.equal([]));

  const activity = (conversationId: string, extra: Record<string, unknown>) => ({
    channelId: 'emulator',
    deliveryMode: 'expectReplies',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversationId },
    from: { id: 'fuzz-user' },
    recipient: { id: 'waymark' },
    ...extra,
  });
  const post = (body: unknown) =>
    send(
      base,
      'POST',
      '/api/messages',
      { 'Content-Type': 'application/json' },
      JSON.stringify(body),
    );

  it('no body, content type or encoding gives a 5xx, or ends the process', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, anyContentType, anyEncoding, async (body, type, encoding) => {
        fc.pre(headerSafe(type) && headerSafe(encoding));
        const answer = await send(
          base,
          'POST',
          '/api/messages',
          { 'Content-Type': type, 'Content-Encoding': encoding },
          body,
        );
        expect(answer.status).to.be.within(200, 499);
      }),
      { numRuns: RUNS },
    );
    expect((await send(base, 'GET', '/healthz')).status).to.equal(200);
  });

  it('any activity shape: no 5xx; replies show 999 and never repeat the text', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(anyActivityShape, async (shape) => {
        n += 1;
        const id = `fuzz-shape-${n}`;
        const withMarker =
          shape.type === 'message' && typeof shape.text === 'string'
            ? { ...shape, text: marked(n, shape.text) }
            : shape;
        const answer = await post(activity(id, withMarker));
        // An invoke no handler takes is 501 by Bot Framework's own rules; nothing else is 5xx.
        if (shape.type === 'invoke') expect(answer.status).to.be.oneOf([200, 400, 501]);
        else expect(answer.status).to.be.within(200, 499);
        expect(answer.text).not.to.include(`fz${n}mark`);
        if (answer.status === 200 && answer.text.includes('"activities"')) {
          const { activities } = JSON.parse(answer.text) as { activities: { type: string }[] };
          const messages = activities.filter((a) => a.type === 'message');
          if (messages.length > 0) expect(JSON.stringify(messages)).to.include('999');
        }
        // After any input, words of danger still get the emergency reply.
        const danger = await post(activity(id, { type: 'message', text: 'he has a knife' }));
        expect(danger.status).to.equal(200);
        const { activities } = JSON.parse(danger.text) as {
          activities: { channelData: { signpost: { urgency: string } } }[];
        };
        expect(activities.map((a) => a.channelData.signpost.urgency)).to.include('emergency');
      }),
      { numRuns: RUNS },
    );
  });
});
