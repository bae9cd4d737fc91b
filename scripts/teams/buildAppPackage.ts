import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { drawColourIcon, drawOutlineIcon } from './drawIcons.js';

/** The project's appPackage/ folder. */
export const APP_PACKAGE_DIR = path.resolve(__dirname, '..', '..', 'appPackage');

/** What changes between deployments: the bot's identity and where it is served. */
export interface PackageSettings {
  /** The Azure Bot's app id (MicrosoftAppId): a GUID. */
  botId: string;
  /** The Teams app's own id; by default the bot id, as Microsoft's samples do. */
  appId?: string;
  /** The bot's public https address, for the developer links and validDomains. */
  publicUrl?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Manifest {
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  bots: { botId: string; scopes: string[] }[];
  validDomains: string[];
  [key: string]: unknown;
}

/** Reads the committed manifest (with placeholder ids and example.org links). */
export function readManifestTemplate(): Manifest {
  return JSON.parse(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * The manifest for one deployment: the template with the bot id, app id and public links
 * filled in. Throws a readable error for a bot id that is not a GUID or a non-https URL.
 */
export function manifestFor(
  settings: PackageSettings,
  template = readManifestTemplate(),
): Manifest {
  const appId = settings.appId ?? settings.botId;
  for (const [name, value] of [
    ['MicrosoftAppId', settings.botId],
    ['TEAMS_APP_ID', appId],
  ] as const) {
    if (!GUID.test(value)) throw new Error(`${name} must be a GUID (the Azure Bot's app id).`);
  }
  const manifest: Manifest = structuredClone(template);
  manifest.id = appId;
  for (const bot of manifest.bots) bot.botId = settings.botId;
  if (settings.publicUrl) {
    const url = new URL(settings.publicUrl);
    if (url.protocol !== 'https:') throw new Error('PUBLIC_URL must be an https address.');
    const base = url.origin;
    manifest.developer = {
      ...manifest.developer,
      websiteUrl: `${base}/`,
      privacyUrl: `${base}/privacy`,
      termsOfUseUrl: `${base}/privacy`,
    };
    manifest.validDomains = [url.host];
  }
  return manifest;
}

/** The icons the package holds, drawn by the project (never downloaded). */
export function icons(): { 'color.png': Buffer; 'outline.png': Buffer } {
  return { 'color.png': drawColourIcon(), 'outline.png': drawOutlineIcon() };
}

/** Builds the zip Teams uploads: manifest.json and both icons at its root. */
export async function buildAppPackage(settings: PackageSettings): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifestFor(settings), null, 2)}\n`);
  for (const [name, png] of Object.entries(icons())) zip.file(name, png);
  // A fixed date keeps the same inputs giving the same bytes.
  const date = new Date('2026-01-01T00:00:00Z');
  for (const file of Object.values(zip.files)) file.date = date;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
