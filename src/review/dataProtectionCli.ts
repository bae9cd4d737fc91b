import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadSettings } from '../config/settings.js';
import { loadContent, readFromDisk } from '../content/loadContent.js';
import { dataProtectionFiles } from './dataProtection.js';

/**
 * `npm run content:docs`: writes the data protection pack to docs/data-protection/ from
 * content/ and the settings' defaults (the environment is not read, so the committed pack
 * describes the defaults; run with `-- --env` to describe a deployment's settings).
 */
const content = loadContent(readFromDisk());
const settings = loadSettings(process.argv.includes('--env') ? process.env : {});
const files = dataProtectionFiles(content, settings);
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
process.stdout.write(`content:docs: wrote ${Object.keys(files).join(' and ')}\n`);
