import { checkContent } from './contentCheck.js';
import { readFromDisk } from '../content/loadContent.js';

/**
 * `npm run content:check`: checks dialogs/ and content/, lists every unverified or stale
 * fact as a warning (warnings never fail), and exits 1 on any error.
 */
const result = checkContent(readFromDisk());
const byRule = new Map<string, number>();
for (const warning of result.warnings)
  byRule.set(warning.rule, (byRule.get(warning.rule) ?? 0) + 1);

if (result.warnings.length > 0) {
  console.log('Facts to confirm with their owners before launch:');
  for (const warning of result.warnings) {
    console.log(`  warning [${warning.rule}] ${warning.file} ${warning.path}: ${warning.message}`);
  }
}
for (const error of result.errors) {
  console.log(`  ERROR [${error.rule}] ${error.file} ${error.path}: ${error.message}`);
}
const summary = [...byRule].map(([rule, count]) => `${count} ${rule}`).join(', ') || 'none';
console.log(
  `\ncontent:check: ${result.errors.length} error(s); warnings: ${summary}. Content version ${result.content?.version ?? 'n/a'}.`,
);
process.exit(result.errors.length > 0 ? 1 : 0);
