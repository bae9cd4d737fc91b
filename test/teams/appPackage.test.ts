import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ManifestUtil, type TeamsAppManifest } from '@microsoft/app-manifest';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  APP_PACKAGE_DIR,
  buildAppPackage,
  icons,
  manifestFor,
  readManifestTemplate,
} from '../../scripts/teams/buildAppPackage.js';

const repoRoot = path.resolve(__dirname, '..', '..');
const botId = '6f1a3c2e-8b4d-4e5f-9a7b-1c2d3e4f5a6b';

/** Microsoft's v1.30 schema as bundled in @microsoft/app-manifest (given to it, so it never downloads one). */
function bundledSchema(
  version: string,
): Parameters<typeof ManifestUtil.validateManifestAgainstSchema>[1] {
  const file = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(readFileSync(file, 'utf8')) as Parameters<
    typeof ManifestUtil.validateManifestAgainstSchema
  >[1];
}

function validate(manifest: object): Promise<string[]> {
  return ManifestUtil.validateManifestAgainstSchema(
    manifest as unknown as TeamsAppManifest,
    bundledSchema('1.30'),
  );
}

function read(zip: JSZip, name: string): JSZip.JSZipObject {
  const file = zip.file(name);
  if (!file) throw new Error(`${name} is not in the package`);
  return file;
}

function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

describe('Teams app package', () => {
  it('appPackage/manifest.json is valid against the bundled v1.30 schema', async () => {
    const manifest = readManifestTemplate();
    expect(manifest.manifestVersion).to.equal('1.30');
    expect(await validate(manifest)).to.deep.equal([]);
  });

  it('the validator does catch a broken manifest, so the check above can fail', async () => {
    const broken = {
      ...readManifestTemplate(),
      accentColor: 'teal',
      icons: { color: 'color.png' },
    };
    expect((await validate(broken)).length).to.be.greaterThan(0);
  });

  it('fills in the bot id, app id and public links for a deployment, and stays valid', async () => {
    const manifest = manifestFor({ botId, publicUrl: 'https://bot.charity.example.org/x' });
    expect(manifest.id).to.equal(botId);
    expect(manifest.bots.map((bot) => bot.botId)).to.deep.equal([botId]);
    expect(manifest.developer.privacyUrl).to.equal('https://bot.charity.example.org/privacy');
    expect(manifest.validDomains).to.deep.equal(['bot.charity.example.org']);
    expect(await validate(manifest)).to.deep.equal([]);
  });

  it('refuses a bot id that is not a GUID and a public URL that is not https', () => {
    expect(() => manifestFor({ botId: 'not-a-guid' })).to.throw(/MicrosoftAppId must be a GUID/);
    expect(() => manifestFor({ botId, publicUrl: 'http://bot.example.org' })).to.throw(/https/);
  });

  it('offers the bot in personal chats, group chats and teams', () => {
    const [bot] = readManifestTemplate().bots;
    expect(bot?.scopes).to.have.members(['personal', 'groupChat', 'team']);
  });

  it('builds a zip with the manifest and both icons at its root', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage({ botId }));
    expect(Object.keys(zip.files).sort()).to.deep.equal([
      'color.png',
      'manifest.json',
      'outline.png',
    ]);
    const manifest = JSON.parse(await read(zip, 'manifest.json').async('string')) as {
      bots: { botId: string }[];
    };
    expect(manifest.bots[0]?.botId).to.equal(botId);
    const colour = decode(await read(zip, 'color.png').async('nodebuffer'));
    expect([colour.width, colour.height]).to.deep.equal([192, 192]);
  });

  it('the outline icon is 32×32, white, on a transparent background', () => {
    const outline = decode(icons()['outline.png']);
    expect([outline.width, outline.height]).to.deep.equal([32, 32]);
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [0, 1, 2, 3].map((k) => outline.data[i + k] ?? -1);
      if (a === 0) transparent += 1;
      else {
        expect([r, g, b], `pixel ${i / 4}`).to.deep.equal([255, 255, 255]);
        if (a === 255) opaque += 1;
      }
    }
    // The corner is background; the signpost covers a fair part of the square.
    expect(outline.data[3]).to.equal(0);
    expect(transparent).to.be.greaterThan(32 * 32 * 0.4);
    expect(opaque).to.be.greaterThan(32 * 32 * 0.15);
  });

  it('the colour icon is opaque, so it shows the same on light and dark themes', () => {
    const colour = decode(icons()['color.png']);
    for (let i = 3; i < colour.data.length; i += 4) expect(colour.data[i]).to.equal(255);
  });

  it('the committed icons are the ones the drawing code makes (npm run teams:package refreshes them)', () => {
    for (const [name, png] of Object.entries(icons())) {
      expect(readFileSync(path.join(APP_PACKAGE_DIR, name)).equals(png), name).to.equal(true);
    }
  });

  // CI lays the team's shared folder beside the clone, as ../shared.
  const sharedSchema = path.join(repoRoot, '..', 'shared', 'teams', 'MicrosoftTeams.schema.json');
  it('also passes the official v1.29 schema in ../shared/teams (nothing in it needs v1.30)', function () {
    if (!existsSync(sharedSchema)) {
      console.warn(`    skipped: ${sharedSchema} is absent, so the v1.29 schema check did not run`);
      this.skip();
    }
    const schema = JSON.parse(readFileSync(sharedSchema, 'utf8')) as object;
    const ajv = new Ajv04({ allErrors: true, strictTypes: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    const check = ajv.compile(schema);
    const manifest = {
      ...manifestFor({ botId }),
      $schema:
        'https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json',
      manifestVersion: '1.29',
    };
    const valid = check(manifest);
    expect(check.errors ?? [], JSON.stringify(check.errors)).to.deep.equal([]);
    expect(valid).to.equal(true);
  });
});
