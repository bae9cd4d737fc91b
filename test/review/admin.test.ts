import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import restify from 'restify';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { registerAdminRoutes } from '../../src/review/registerAdminRoutes.js';
import { contentWithDialog, NOW } from './support.js';

async function serve(token: string | undefined) {
  const server = restify.createServer();
  registerAdminRoutes(server, {
    token,
    content: contentWithDialog('two-questions.yml'),
    settings: loadSettings({}),
    signoff: undefined,
    now: () => NOW,
    linkBase: 'http://127.0.0.1',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => server.close() };
}

describe('/admin', () => {
  it('does not exist when ADMIN_TOKEN is unset', async () => {
    const { base, close } = await serve(undefined);
    try {
      expect((await fetch(`${base}/admin`)).status).to.equal(404);
    } finally {
      close();
    }
  });

  it('does not exist in the real app when ADMIN_TOKEN is unset, and does when it is set', async () => {
    for (const [ADMIN_TOKEN, status] of [
      [undefined, 404],
      ['a-long-admin-token', 401],
    ] as const) {
      const app = createApp(loadSettings(ADMIN_TOKEN ? { ADMIN_TOKEN } : {}), {
        log: () => undefined,
      });
      try {
        const { port } = await app.listen(0, '127.0.0.1');
        for (const path of ['/admin', '/admin/book', '/admin/data-protection']) {
          const response = await fetch(`http://127.0.0.1:${port}${path}`);
          expect(response.status, `${path} with ADMIN_TOKEN ${ADMIN_TOKEN ?? 'unset'}`).to.equal(
            status,
          );
          expect(await response.text()).not.to.include('Waymark admin');
        }
      } finally {
        await app.close();
      }
    }
  });

  it('refuses to start with a short, guessable ADMIN_TOKEN', () => {
    expect(() => loadSettings({ ADMIN_TOKEN: 'admin' })).to.throw(
      /ADMIN_TOKEN must be at least 16/,
    );
  });

  it('is never cached, and refuses tokens that are only nearly right', async () => {
    const { base, close } = await serve('a-long-admin-token');
    try {
      for (const authorization of [
        undefined,
        'Bearer a-long-admin-toke',
        'Bearer a-long-admin-token-and-more',
        'Bearer ',
        'Basic ',
        'a-long-admin-token',
        `Basic ${Buffer.from('a-long-admin-token').toString('base64')}`,
      ]) {
        const response = await fetch(`${base}/admin/check`, {
          headers: authorization === undefined ? {} : { authorization },
        });
        expect(response.status, String(authorization)).to.equal(401);
        expect(response.headers.get('cache-control')).to.equal('no-store');
      }
      const ok = await fetch(`${base}/admin/check`, {
        headers: { authorization: 'Bearer a-long-admin-token' },
      });
      expect(ok.status).to.equal(200);
      expect(ok.headers.get('cache-control')).to.equal('no-store');
      const page = await ok.text();
      expect(page).to.include('Freshness:');
      expect(page).to.include('0 error(s)');
    } finally {
      close();
    }
  });

  it('asks for the token, refuses a wrong one, and serves the review with the right one', async () => {
    const { base, close } = await serve('a-long-admin-token');
    const basic = (password: string) =>
      `Basic ${Buffer.from(`lead:${password}`).toString('base64')}`;
    try {
      const none = await fetch(`${base}/admin`);
      expect(none.status).to.equal(401);
      expect(none.headers.get('www-authenticate')).to.match(/^Basic/);
      expect(
        (await fetch(`${base}/admin`, { headers: { authorization: basic('wrong') } })).status,
      ).to.equal(401);
      const index = await fetch(`${base}/admin`, {
        headers: { authorization: basic('a-long-admin-token') },
      });
      expect(index.status).to.equal(200);
      expect(await index.text()).to.include('not signed off');
      const book = await fetch(`${base}/admin/book`, {
        headers: { authorization: 'Bearer a-long-admin-token' },
      });
      expect(await book.text()).to.include('19 paths');
      const map = await fetch(`${base}/admin/map`, {
        headers: { authorization: 'Bearer a-long-admin-token' },
      });
      expect(await map.text()).to.include('data-step="second"');
      const pack = await fetch(`${base}/admin/data-protection`, {
        headers: { authorization: 'Bearer a-long-admin-token' },
      });
      expect(await pack.text()).to.include('CHARITY TO COMPLETE');
    } finally {
      close();
    }
  });
});
