import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { normaliseExitMessage, renderWidget } from '../../src/web/registerWebPages.js';
import { loadContent } from '../../src/content/loadContent.js';
import { startBot, type RunningBot } from './support/servers.js';

const EXIT_URL = 'https://neutral.example/weather';

describe('web pages and widget over HTTP', function () {
  this.timeout(30000);
  let bot: RunningBot;

  before(async () => {
    bot = await startBot(EXIT_URL);
  });

  after(async () => {
    await bot?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${bot.baseUrl}${path}`, { headers });

  for (const [path, type] of [
    ['/', 'text/html'],
    ['/staying-safe-online', 'text/html'],
    ['/site.css', 'text/css'],
    ['/widget.js', 'text/javascript'],
    ['/webchat/webchat.js', 'text/javascript'],
  ] as const) {
    it(`serves ${path} as ${type} with Cache-Control: no-store`, async () => {
      const response = await get(path);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.contain(type);
      expect(response.headers.get('cache-control')).to.equal('no-store');
      expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(response.headers.get('set-cookie')).to.equal(null);
      expect((await response.arrayBuffer()).byteLength).to.be.greaterThan(0);
    });
  }

  it('gives its own pages a content security policy that allows scripts from itself only', async () => {
    const policy = (await get('/')).headers.get('content-security-policy') ?? '';
    expect(policy).to.contain("script-src 'self'");
    expect(policy).to.contain("frame-ancestors 'none'");
    expect(policy).to.not.contain('unsafe-eval');
  });

  it('fills the widget with the exit words from content/ and the EXIT_URL setting', async () => {
    const source = await (await get('/widget.js')).text();
    const match = /const WAYMARK_SERVER = (\{.*?\});/.exec(source);
    expect(match, 'config literal in widget.js').to.not.equal(null);
    const config = JSON.parse(match?.[1] ?? '{}') as { exitWords: string[]; exitUrl: string };
    expect(config.exitUrl).to.equal(EXIT_URL);
    const expected = loadContent().commands.leaveSite.map(normaliseExitMessage);
    expect(config.exitWords).to.have.members([...new Set(expected)]);
    expect(config.exitWords).to.include('exit');
  });

  it('serves the Web Chat bundle compressed when the browser accepts gzip', async () => {
    const raw = await (await get('/webchat/webchat.js')).arrayBuffer();
    const response = await fetch(`${bot.baseUrl}/webchat/webchat.js`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    // fetch decompresses transparently; the header says it was compressed on the wire.
    expect(response.headers.get('content-encoding')).to.equal('gzip');
    const body = Buffer.from(await response.arrayBuffer());
    const text = body[0] === 0x1f ? gunzipSync(body) : body;
    expect(text.byteLength).to.equal(raw.byteLength);
  });

  it('answers /favicon.ico with an empty 204', async () => {
    const response = await get('/favicon.ico');
    expect(response.status).to.equal(204);
    expect(response.headers.get('cache-control')).to.equal('no-store');
  });
});

describe('widget templating and exit-word matching', () => {
  it('normalises case, spacing and trailing punctuation, as the widget does', () => {
    expect(normaliseExitMessage('  EXIT! ')).to.equal('exit');
    expect(normaliseExitMessage('Exit now...')).to.equal('exit now');
    expect(normaliseExitMessage('exit   chat?!')).to.equal('exit chat');
    expect(normaliseExitMessage('exiting')).to.equal('exiting');
  });

  it('escapes "<" in the config so it cannot close a script element', () => {
    const source = 'const SERVER = /* WAYMARK_SERVER_CONFIG */ {} /* END_WAYMARK_SERVER_CONFIG */';
    const rendered = renderWidget(source, { exitWords: ['</script>'], exitUrl: EXIT_URL });
    expect(rendered).to.not.contain('</script>');
    expect(rendered).to.contain('\\u003c/script>');
  });

  it('refuses a widget.js that has lost its config markers', () => {
    expect(() => renderWidget('const SERVER = {};', { exitWords: [], exitUrl: EXIT_URL })).to.throw(
      /WAYMARK_SERVER_CONFIG/,
    );
  });
});
