import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { loadContent } from '../../src/content/loadContent.js';
import { addSignoff } from '../../src/review/signoffs.js';
import { disk } from './support.js';

describe('sign-off of the running content', () => {
  const start = (NODE_ENV: string, root?: string) => {
    const events: { event: string; contentVersion?: unknown }[] = [];
    const app = createApp(loadSettings({ NODE_ENV }), {
      log: (event, fields) => events.push({ event, ...fields }),
      ...(root ? { root } : {}),
    });
    return { events, app };
  };
  const health = async (app: ReturnType<typeof createApp>) => {
    const { port } = await app.listen(0, '127.0.0.1');
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return (await response.json()) as { signedOff: boolean; contentVersion: string };
  };

  it('warns at start-up in production, and /healthz says so, when the version is unsigned', async () => {
    // The shipped content/signoffs.yml signs nothing yet.
    const { events, app } = start('production');
    try {
      const warning = events.find((e) => e.event === 'content-not-signed-off');
      expect(warning?.contentVersion).to.equal(app.content.version);
      expect((await health(app)).signedOff).to.equal(false);
    } finally {
      await app.close();
    }
  });

  it('is quiet, and /healthz says signed off, once this version is signed', async () => {
    const root = mkdtempSync(join(tmpdir(), 'waymark-signoff-'));
    try {
      cpSync('dialogs', join(root, 'dialogs'), { recursive: true });
      cpSync('content', join(root, 'content'), { recursive: true });
      const version = loadContent(disk).version;
      writeFileSync(
        join(root, 'content/signoffs.yml'),
        addSignoff('', { version, by: 'Sam Lee, Safeguarding Lead', date: '2026-12-01' }),
      );
      const { events, app } = start('production', root);
      try {
        expect(events.map((e) => e.event)).not.to.include('content-not-signed-off');
        const body = await health(app);
        expect(body).to.include({ signedOff: true, contentVersion: version });
        // Who signed is never shown to the public.
        expect(JSON.stringify(body)).not.to.include('Sam Lee');
      } finally {
        await app.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('stays quiet about it in development', async () => {
    const { events, app } = start('development');
    expect(events.map((e) => e.event)).not.to.include('content-not-signed-off');
    await app.close();
  });
});
