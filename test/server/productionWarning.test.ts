import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';

/**
 * A copy of dialogs/ and content/ in which every fact is verified except `keep` of them, so
 * these tests do not depend on how many real facts the charity has confirmed so far.
 */
function contentWithUnverified(keep: number): string {
  const root = mkdtempSync(join(tmpdir(), 'waymark-facts-'));
  cpSync('dialogs', join(root, 'dialogs'), { recursive: true });
  cpSync('content', join(root, 'content'), { recursive: true });
  let left = keep;
  for (const name of readdirSync(join(root, 'content')).filter((file) => file.endsWith('.yml'))) {
    const path = join(root, 'content', name);
    const text = readFileSync(path, 'utf8').replace(/status: unverified/g, (match) =>
      left-- > 0 ? match : 'status: verified',
    );
    writeFileSync(path, text);
  }
  return root;
}

describe('unverified facts in production', () => {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  const start = (NODE_ENV: string, unverified: number) => {
    const root = contentWithUnverified(unverified);
    roots.push(root);
    const events: { event: string; count?: unknown }[] = [];
    const app = createApp(loadSettings({ NODE_ENV }), {
      root,
      log: (event, fields) => events.push({ event, ...fields }),
    });
    return { events, app };
  };

  it('logs a warning with the count while any fact is unverified', async () => {
    const { events, app } = start('production', 2);
    const warning = events.find((e) => e.event === 'content-unverified-facts');
    expect(warning?.count).to.equal(2);
    await app.close();
  });

  it('logs no warning once every fact is verified', async () => {
    const { events, app } = start('production', 0);
    expect(events.map((e) => e.event)).not.to.include('content-unverified-facts');
    await app.close();
  });

  it('stays quiet about it in development', async () => {
    const { events, app } = start('development', 2);
    expect(events.map((e) => e.event)).not.to.include('content-unverified-facts');
    await app.close();
  });
});
