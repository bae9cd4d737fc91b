import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { prepareAsset, storeGzip } from '../../src/web/staticAsset.js';

describe('static assets gzipped by the build', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-gzip-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const raw = Buffer.from('console.log("web chat");\n'.repeat(500));

  it('uses the copy the build made for exactly these bytes', async () => {
    const file = await storeGzip(raw, dir);
    const asset = await prepareAsset(raw, {}, dir);
    expect(gunzipSync(asset.gzipped).equals(raw)).to.equal(true);
    expect(readdirSync(dir)).to.deep.equal([file.slice(dir.length + 1)]);
  });

  it('compresses at start-up when the copy is missing or not whole', async () => {
    const missing = await prepareAsset(raw, {}, dir);
    expect(gunzipSync(missing.gzipped).equals(raw)).to.equal(true);
    const file = await storeGzip(raw, dir);
    writeFileSync(file, Buffer.from('not gzip at all, and of the wrong length'));
    const broken = await prepareAsset(raw, {}, dir);
    expect(gunzipSync(broken.gzipped).equals(raw)).to.equal(true);
  });
});
