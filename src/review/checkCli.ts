import { checkMessageBudgets, describe } from '../channels/render/checkMessageBudgets.js';
import { checkContent } from './contentCheck.js';
import { readFromDisk } from '../content/loadContent.js';
import { loadSettings } from '../config/settings.js';
import { dataProtectionFiles } from './dataProtection.js';
import { freshnessReport, freshnessSummary } from './factFreshness.js';
import { readPlainLanguageSettings, scoreMessages } from './readingEase.js';

/**
 * `npm run content:check`: checks dialogs/ and content/, lists every unverified or stale
 * fact as a warning (warnings never fail), and exits 1 on any error.
 */
const result = checkContent(readFromDisk());
if (result.content) {
  // The committed pack describes the defaults; it must say what the content says now.
  const files = dataProtectionFiles(result.content, loadSettings({}));
  for (const [path, text] of Object.entries(files)) {
    let committed = '';
    try {
      committed = readFromDisk()(path);
    } catch {
      // Missing: reported below, like a changed file.
    }
    if (committed !== text) {
      result.warnings.push({
        rule: 'docs',
        file: path,
        path: '',
        message: 'out of date with content/ (or missing): run npm run content:docs and commit it',
      });
    }
  }
}
const byRule = new Map<string, number>();
for (const warning of result.warnings)
  byRule.set(warning.rule, (byRule.get(warning.rule) ?? 0) + 1);

const headings: Record<string, string> = {
  unverified: 'Facts to confirm with their owners before launch:',
  stale: 'Facts last checked over 6 months ago (or bank holidays running out):',
  'reading-ease': 'Messages below the plain-language target (reading ease):',
  docs: 'The data protection pack (docs/data-protection/):',
};
for (const [rule, heading] of Object.entries(headings)) {
  const list = result.warnings.filter((warning) => warning.rule === rule);
  if (list.length === 0) continue;
  console.log(heading);
  for (const warning of list) {
    console.log(`  warning [${warning.rule}] ${warning.file} ${warning.path}: ${warning.message}`);
  }
}
if (result.content) {
  // Every reply rendered for every row of the capability table: each message within its
  // channel's length budget, 999 in every emergency and signpost message, brief replies in one.
  const budgets = checkMessageBudgets(result.content);
  for (const finding of budgets.findings) {
    result.errors.push({
      rule: finding.rule,
      file: 'dialogs/ and content/',
      path: `${finding.channel} ${finding.step}`,
      message: finding.message,
    });
  }
  for (const row of budgets.channels) {
    const reply = row.longestReply;
    console.log(
      `Length (${row.channel}, at most ${row.budget.max} ${row.budget.unit} a message): ${row.replies} distinct replies in ${row.messages} messages; longest reply ${reply ? `${describe(reply)} in ${reply.messages} message(s) (${reply.step})` : 'n/a'}.`,
    );
  }
}
for (const error of result.errors) {
  console.log(`  ERROR [${error.rule}] ${error.file} ${error.path}: ${error.message}`);
}
const summary = [...byRule].map(([rule, count]) => `${count} ${rule}`).join(', ') || 'none';
console.log(
  `\ncontent:check: ${result.errors.length} error(s); warnings: ${summary}. Content version ${result.content?.version ?? 'n/a'}.`,
);
if (result.content) {
  // Always said, even when none: "0 stale" is itself what a lead signs against.
  console.log(`Freshness: ${freshnessSummary(freshnessReport(result.content, new Date()))}`);
}
const worst = result.content
  ? scoreMessages(result.content, readPlainLanguageSettings(readFromDisk()))[0]
  : undefined;
if (worst) {
  console.log(
    `Plain language: the hardest message is ${worst.file} ${worst.path}, reading ease ${worst.score.toFixed(0)}.`,
  );
}
process.exit(result.errors.length > 0 ? 1 : 0);
