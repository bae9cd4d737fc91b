import { readFileSync, writeFileSync } from 'node:fs';
import { readFromDisk } from '../content/loadContent.js';
import { buildReview } from './bookModel.js';
import { readCliOptions } from './cliOptions.js';
import { checkContent } from './contentCheck.js';
import { addSignoff, readSignoffs, signoffOf, SIGNOFF_FILE } from './signoffs.js';

/**
 * `npm run content:signoff -- --by "Name, role"`: records that this person has read every
 * path of the content as it is now. `--dry-run` prints what would be signed and writes
 * nothing. Content with errors cannot be signed.
 */
const options = readCliOptions('', { by: { type: 'string' }, 'dry-run': { type: 'boolean' } });
const dryRun = options.values['dry-run'] === true;
const by = typeof options.values.by === 'string' ? options.values.by.trim() : '';
const check = checkContent(readFromDisk(), options.now);
if (!check.content || check.errors.length > 0) {
  console.error(
    `content:signoff: content:check finds ${check.errors.length} error(s); fix them first (npm run content:check).`,
  );
  process.exit(1);
}
const content = check.content;
const review = buildReview(content, options);
const paths = review.dialogs.reduce((sum, dialog) => sum + dialog.paths.length, 0);
const existing = signoffOf(readSignoffs(), content.version);
const date = options.now.toISOString().slice(0, 10);
const lines = [
  `Content version ${content.version} (as /healthz and every signpost show it)`,
  `${paths} paths in ${review.dialogs.map((d) => d.dialogId).join(', ')}`,
  existing ? `Already signed off by ${existing.by} on ${existing.date}` : 'Not yet signed off',
];
if (dryRun) {
  process.stdout.write(`${lines.join('\n')}\n(dry run: nothing written)\n`);
  process.exit(0);
}
if (by.length < 3) {
  console.error('content:signoff: say who is signing off: --by "Name, role"');
  process.exit(1);
}
let text = '';
try {
  text = readFileSync(SIGNOFF_FILE, 'utf8');
} catch {
  // No record yet: this is the first sign-off.
}
writeFileSync(SIGNOFF_FILE, addSignoff(text, { version: content.version, by, date, paths }));
process.stdout.write(
  `${lines.join('\n')}\nSigned off by ${by} on ${date}: recorded in ${SIGNOFF_FILE}. Commit it with the content.\n`,
);
