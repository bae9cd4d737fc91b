import { loadContent, readFromDisk } from '../content/loadContent.js';
import { readCliOptions, writeOut } from './cliOptions.js';
import { contentAtRef } from './contentAtRef.js';
import { diffContent, diffHtml, diffText } from './diffContent.js';

/**
 * `npm run content:diff -- <git-ref> [--out FILE]`: paths added and removed, and words
 * changed, between the content at a git ref and the content now.
 */
const options = readCliOptions('');
const ref = options.positionals[0];
if (!ref) {
  console.error(
    'content:diff: name a git ref to compare with, e.g. npm run content:diff -- HEAD~1',
  );
  process.exit(1);
}
const diff = diffContent(contentAtRef(ref), loadContent(readFromDisk()), options.now);
process.stdout.write(diffText(diff, ref));
if (options.out) {
  writeOut(options.out, diffHtml(diff, ref));
  process.stdout.write(`wrote ${options.out}\n`);
}
