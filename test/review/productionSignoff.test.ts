import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  /** A copy of dialogs/ and content/ with the given sign-off record, and an edit to make. */
  const copyWith = (signoffs: string, edit?: (root: string) => void) => {
    const root = mkdtempSync(join(tmpdir(), 'waymark-signoff-'));
    cpSync('dialogs', join(root, 'dialogs'), { recursive: true });
    cpSync('content', join(root, 'content'), { recursive: true });
    writeFileSync(join(root, 'content/signoffs.yml'), signoffs);
    edit?.(root);
    return root;
  };

  it('warns at start-up in production, and /healthz says so, when the version is unsigned', async () => {
    const root = copyWith('signoffs: []\n');
    const { events, app } = start('production', root);
    try {
      const warning = events.find((e) => e.event === 'content-not-signed-off');
      expect(warning?.contentVersion).to.equal(app.content.version);
      expect((await health(app)).signedOff).to.equal(false);
    } finally {
      await app.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads a changed content version as unsigned: one word changed after signing', async () => {
    const signed = loadContent(disk).version;
    const root = copyWith(
      addSignoff('', { version: signed, by: 'Sam Lee, Safeguarding Lead', date: '2026-12-01' }),
      (dir) => {
        const file = join(dir, 'content/wording.yml');
        writeFileSync(
          file,
          readFileSync(file, 'utf8').replace('automated guide', 'automatic guide'),
        );
      },
    );
    const { events, app } = start('production', root);
    try {
      expect(app.content.version).not.to.equal(signed);
      expect(events.map((e) => e.event)).to.include('content-not-signed-off');
      const body = await health(app);
      expect(body).to.include({ signedOff: false, contentVersion: app.content.version });
    } finally {
      await app.close();
      rmSync(root, { recursive: true, force: true });
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
