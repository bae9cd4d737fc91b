import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import restify from 'restify';
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
