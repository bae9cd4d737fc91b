import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import { diffContent, diffHtml, diffText } from '../../src/review/diffContent.js';
import { disk, NOW } from './support.js';

const fixture = readFileSync('test/review/fixtures/two-questions.yml', 'utf8');
const withDialog = (text: string) =>
  loadContent((path) => (path === 'dialogs/triage.yml' ? text : disk(path)));

describe('content:diff', () => {
  it('shows a wording change, with the words before and after, and nothing else', () => {
    const before = withDialog(fixture);
    const after = withDialog(
      fixture.replace(
        'Second question. In an emergency call 999.',
        'The second question, reworded. Call 999.',
      ),
    );
    const diff = diffContent(before, after, NOW);
    expect(diff.added).to.deep.equal([]);
    expect(diff.removed).to.deep.equal([]);
    expect(diff.wording).to.have.length(1);
    const [change] = diff.wording;
    expect(change?.step).to.equal('second');
    expect(change?.before).to.include('Second question. In an emergency call 999.');
    expect(change?.after).to.include('The second question, reworded. Call 999.');
    expect(change?.surfaces).to.deep.equal(['web', 'teams', 'sms']);
    expect(diffText(diff, 'HEAD~1')).to.include('~ triage step "second"');
    expect(diffHtml(diff, 'HEAD~1')).to.include('<span class="ins">');
  });

  it('shows paths added when an option is added, and removed when it goes', () => {
    const before = withDialog(fixture);
    const after = withDialog(
      fixture.replace(
        '      - { value: safe-place, label: Delta }',
        '      - { value: safe-place, label: Delta }\n      - { value: is-it-abuse, label: Epsilon }',
      ),
    );
    const diff = diffContent(before, after, NOW);
    expect(diff.added.map((path) => path.key).sort()).to.deep.equal([
      'first=me/second=is-it-abuse',
      'first=someone-else/second=is-it-abuse',
      'first=unsure/second=is-it-abuse',
    ]);
    expect(diffContent(after, before, NOW).removed).to.have.length(3);
  });
});
