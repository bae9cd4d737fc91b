import { execFileSync } from 'node:child_process';
import { loadContent, readFromDisk } from '../content/loadContent.js';
import { SIGNOFF_FILE } from './signoffs.js';
import { readCliOptions, writeOut } from './cliOptions.js';
import { contentAtRef, type ContentAtRef } from './contentAtRef.js';
import { diffContent, diffHtml, diffText } from './diffContent.js';

/**
 * `npm run content:diff -- <git-ref> [--out FILE]`: paths added and removed, and words
 * changed, between the content at a git ref and the content now. `--signed` compares with
 * the last commit that recorded a sign-off (the last change to content/signoffs.yml).
 */
const options = readCliOptions('', { signed: { type: 'boolean' } });
const ref = options.values.signed === true ? lastSignoffCommit() : options.positionals[0];
if (!ref) {
  console.error(
    'content:diff: name a git ref to compare with, e.g. npm run content:diff -- HEAD~1 (or --signed)',
  );
  process.exit(1);
}

/** The last commit that changed the sign-off record, if any. */
function lastSignoffCommit(): string | undefined {
  const commit = execFileSync('git', ['log', '-1', '--format=%h', '--', SIGNOFF_FILE], {
    encoding: 'utf8',
  }).trim();
  if (!commit) console.error(`content:diff: ${SIGNOFF_FILE} has never been committed.`);
  return commit || undefined;
}
let before: ContentAtRef;
try {
  before = contentAtRef(ref);
} catch (error) {
  // A bad ref, or content that today's schemas cannot read: say so plainly.
  console.error(`content:diff: cannot read the content at ${ref}: ${(error as Error).message}`);
  process.exit(1);
}
const diff = diffContent(before.content, loadContent(readFromDisk()), options.now);
for (const path of before.addedSince) {
  process.stdout.write(`note: ${path} did not exist at ${ref}; it is read as it is now.\n`);
}
process.stdout.write(diffText(diff, ref));
if (options.out) {
  writeOut(options.out, diffHtml(diff, ref));
  process.stdout.write(`wrote ${options.out}\n`);
}
