import { mkdirSync, writeFileSync } from 'node:fs';
import { loadSettings } from '../config/settings.js';
import { loadContent, readFromDisk } from '../content/loadContent.js';
import { dpiaMarkdown, privacyNoticeMarkdown } from './dataProtection.js';

/**
 * `npm run content:docs`: writes the data protection pack to docs/data-protection/ from
 * content/ and the settings' defaults (the environment is not read, so the committed pack
 * describes the defaults; run with settings set to describe a deployment).
 */
const content = loadContent(readFromDisk());
const settings = loadSettings(process.argv.includes('--env') ? process.env : {});
mkdirSync('docs/data-protection', { recursive: true });
writeFileSync('docs/data-protection/privacy-notice.md', privacyNoticeMarkdown(content));
writeFileSync('docs/data-protection/dpia.md', dpiaMarkdown(content, settings));
process.stdout.write('content:docs: wrote docs/data-protection/privacy-notice.md and dpia.md\n');
