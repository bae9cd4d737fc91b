import net from 'node:net';
import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';

describe('static files and server timeouts (issue 6, defect 4; issue 9, hashed bundle)', function () {
  this.timeout(60_000);
  let app: App;
  let base: string;
  let port: number;

  before(async () => {
    const settings = loadSettings({ PORT: '0', HTTP_IDLE_TIMEOUT_SECONDS: '1' });
    app = createApp(settings, { log: () => undefined });
    port = (await app.listen(0, '127.0.0.1')).port;
    base = `http://127.0.0.1:${port}`;
  });
  after(() => app.close());

  const bundleUrl = async () => {
    const widget = await (await fetch(`${base}/widget.js`)).text();
    const match = /"webChatUrl":"(\/webchat\/webchat\.[0-9a-f]{16}\.js)"/.exec(widget);
    expect(match, 'widget.js names the hashed bundle').to.not.equal(null);
    return match?.[1] ?? '';
  };

  it('serves the Web Chat bundle at a content-hashed URL, cached for a year as immutable', async () => {
    const url = await bundleUrl();
    const hashed = await fetch(`${base}${url}`);
    expect(hashed.status).to.equal(200);
    expect(hashed.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(hashed.headers.get('content-type')).to.contain('text/javascript');
    const body = Buffer.from(await hashed.arrayBuffer());
    const plain = Buffer.from(await (await fetch(`${base}/webchat/webchat.js`)).arrayBuffer());
    expect(body.equals(plain)).to.equal(true);

    const stale = await fetch(`${base}/webchat/webchat.0000000000000000.js`);
    expect(stale.status).to.equal(404);
    expect(stale.headers.get('cache-control')).to.equal('no-store');
  });

  it('keeps no-store on the widget, the pages and every conversation route', async () => {
    for (const path of ['/widget.js', '/', '/webchat/webchat.js', '/healthz']) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get('cache-control'), path).to.equal('no-store');
    }
    const token = await fetch(`${base}/api/webchat/token`, { method: 'POST' });
    expect(token.headers.get('cache-control')).to.equal('no-store');
  });

  it('answers a matching ETag with 304 and no body', async () => {
    const url = await bundleUrl();
    const first = await fetch(`${base}${url}`, { headers: { 'Accept-Encoding': 'identity' } });
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const again = await fetch(`${base}${url}`, {
      headers: { 'If-None-Match': etag, 'Accept-Encoding': 'identity' },
    });
    expect(again.status).to.equal(304);
  });

  it('closes the socket of a client that asks for the bundle and never reads', async () => {
    const url = await bundleUrl();
    const connections = () =>
      new Promise<number>((resolve) =>
        app.server.server.getConnections((_error, count) => resolve(count)),
      );
    const sockets = Array.from({ length: 20 }, () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      // Asked for uncompressed, and never read: the server's writes stall.
      socket.write(`GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      socket.pause();
      return socket;
    });
    try {
      let open = await connections();
      const deadline = Date.now() + 30_000;
      while (open > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        open = await connections();
      }
      expect(open, 'sockets still open on the server').to.equal(0);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });

  it('sets headers, request and keep-alive timeouts on the HTTP server', () => {
    const http = app.server.server;
    expect(http.headersTimeout).to.equal(10_000);
    expect(http.requestTimeout).to.equal(30_000);
    expect(http.keepAliveTimeout).to.equal(5_000);
    expect(http.timeout).to.equal(1_000);
  });

  it('never repeats the path or method of a request in an error', async () => {
    for (const path of [
      '/<script>alert(1)</script>',
      '/api/nothing-here-7731',
      '/webchat/%3Cb%3E',
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).to.equal(404);
      const text = await response.text();
      expect(text).not.to.include('script').and.not.to.include('7731').and.not.to.include('<b>');
    }
    const wrongMethod = await fetch(`${base}/healthz`, { method: 'DELETE' });
    expect(wrongMethod.status).to.equal(405);
    expect(await wrongMethod.text()).not.to.include('DELETE');
  });
});
