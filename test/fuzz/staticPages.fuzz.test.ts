import { expect } from 'chai';
import fc from 'fast-check';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { anyPathSegment } from './arbitraries.js';
import { send } from './send.js';

const RUNS = 200;

describe('fuzz: static pages and every other path (issue 6)', function () {
  this.timeout(300_000);
  let app: App;
  let base: string;
  const failures: string[] = [];

  before(async () => {
    app = createApp(loadSettings({ PORT: '0' }), {
      log: (event, fields) => {
        if (event === 'http-error') failures.push(`${event} ${JSON.stringify(fields)}`);
      },
    });
    base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
  });
  after(() => app.close());

  it('any method, path and caching headers: no 5xx, and errors never repeat the path', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
        fc.oneof(
          fc.constantFrom(
            '/',
            '/widget.js',
            '/site.css',
            '/staying-safe-online',
            '/privacy',
            '/healthz',
            '/favicon.ico',
            '/webchat/webchat.js',
            '/webchat/',
            '/webchat/webchat.0123456789abcdef.js',
          ),
          anyPathSegment.map((segment) => `/${segment}`),
          anyPathSegment.map((segment) => `/webchat/${segment}`),
        ),
        fc.option(
          fc.constantFrom('gzip', 'br', 'gzip;q=0', '*', 'identity', 'gzip, deflate, br', ''),
          { nil: undefined },
        ),
        fc.option(fc.constantFrom('"x"', '*', 'W/"abc"', ''), { nil: undefined }),
        async (method, path, acceptEncoding, ifNoneMatch) => {
          n += 1;
          const marker = `zz${n}path`;
          const target = `${path}${path.includes('?') ? '&' : '?'}${marker}`;
          const answer = await send(base, method, target, {
            'Accept-Encoding': acceptEncoding,
            'If-None-Match': ifNoneMatch,
          });
          expect(answer.status, `${method} ${target}`).to.be.within(200, 499);
          if (answer.status >= 400) expect(answer.text).not.to.include(marker);
        },
      ),
      { numRuns: RUNS },
    );
    expect(failures).to.deep.equal([]);
    expect((await send(base, 'GET', '/healthz')).status).to.equal(200);
  });
});
