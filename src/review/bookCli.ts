import { loadContent, readFromDisk } from '../content/loadContent.js';
import { bookHtml, countPaths } from './bookHtml.js';
import { buildReview } from './bookModel.js';
import { readCliOptions, writeOut } from './cliOptions.js';

/** `npm run content:book -- --out FILE`: every path, as each channel shows it, as HTML. */
const options = readCliOptions('waymark-book.html');
const review = buildReview(loadContent(readFromDisk()), options);
writeOut(options.out, bookHtml(review));
const total = review.dialogs.reduce((sum, dialog) => sum + dialog.paths.length, 0);
const each = review.dialogs.map((d) => `${d.dialogId} ${countPaths(d.paths.length)}`).join(', ');
process.stdout.write(
  `content:book: ${countPaths(total)} (${each}), content version ${review.contentVersion}: wrote ${options.out}\n`,
);
