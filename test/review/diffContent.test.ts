import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import { diffContent, diffHtml, diffText } from '../../src/review/diffContent.js';
import { disk, NOW } from './support.js';

const fixture = readFileSync('test/review/fixtures/two-questions.yml', 'utf8');
const withDialog = (text: string) =>
  loadContent((path) => (path === 'dialogs/triage.yml' ? text : disk(path)));

describe('content:diff', function () {
  // Each test walks every path of the real dialogs twice: 8-25 s on a quiet machine, more than
  // mocha's 30 s when the 2 shared cores are busy.
  this.timeout(120_000);
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
    // Where it is written, the same one change.
    expect(diff.messages.map((m) => [m.file, m.path])).to.deep.equal([
      ['dialogs/triage.yml', 'second'],
    ]);
  });

  it('shows a reply no button reaches (the fail-safe) reworded where it is written', () => {
    const wording = disk('content/wording.yml');
    const before = loadContent(disk);
    const after = loadContent((path) =>
      path === 'content/wording.yml'
        ? wording.replace('Sorry, something went wrong on my side.', 'Something broke on my side.')
        : disk(path),
    );
    const diff = diffContent(before, after, NOW);
    expect(diff.messages).to.have.length(1);
    expect(diff.messages[0]).to.include({ file: 'content/wording.yml', path: 'failSafe' });
    expect(diff.messages[0]?.after).to.include('Something broke on my side.');
    expect(diffText(diff, 'v1')).to.include('~ content/wording.yml failSafe');
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
