import { expect } from 'chai';
import { checkContent } from '../../src/review/contentCheck.js';
import { loadContent } from '../../src/content/loadContent.js';
import { scoreMessages, scoreText } from '../../src/review/readingEase.js';
import { disk, NOW } from './support.js';

const HARD =
  'Notwithstanding any contemporaneous considerations, individuals experiencing interpersonal victimisation should contemplate multidisciplinary organisational interventions.';

describe('plain language in content:check', () => {
  it('scores a plain sentence as easy and a deliberately hard one as hard', () => {
    expect(scoreText('Are you safe right now?').score).to.be.greaterThan(80);
    expect(scoreText(HARD).score).to.be.lessThan(10);
  });

  it('flags a deliberately hard question as a warning naming its file and path, never an error', () => {
    const read = (path: string) =>
      path === 'dialogs/triage.yml'
        ? disk(path).replace('text: Are you safe right now?', `text: ${HARD}`)
        : disk(path);
    const { errors, warnings } = checkContent(read, NOW);
    expect(errors).to.deep.equal([]);
    const flagged = warnings.filter((w) => w.rule === 'reading-ease' && w.path === 'safe-now');
    expect(flagged).to.have.length(1);
    expect(flagged[0]?.file).to.equal('dialogs/triage.yml');
    expect(flagged[0]?.message).to.match(/reading ease -?\d/);
  });

  it('takes the charity’s target from content/review.yml', () => {
    const strict = (path: string) =>
      path === 'content/review.yml' ? 'plainLanguage:\n  minimumReadingEase: 101\n' : disk(path);
    const lenient = (path: string) =>
      path === 'content/review.yml' ? 'plainLanguage:\n  minimumReadingEase: 0\n' : disk(path);
    const count = (read: (path: string) => string) =>
      checkContent(read, NOW).warnings.filter((w) => w.rule === 'reading-ease').length;
    expect(count(strict)).to.be.greaterThan(count(lenient));
    const belowZero = scoreMessages(loadContent(disk)).filter((m) => m.score < 0).length;
    expect(count(lenient)).to.equal(belowZero);
  });

  it('reads the charity’s known terms and every service’s name as one short word, whole words only', () => {
    const text = 'An independent domestic abuse charity in Southend-on-Sea.';
    const raw = scoreText(text).score;
    const known = scoreText(text, ['domestic abuse', 'Southend-on-Sea']).score;
    expect(known).to.be.greaterThan(raw + 20);
    // "Sea" alone is not "Southend-on-Sea", and a term inside a longer word is no match.
    expect(scoreText('Seaside amenities.', ['Sea']).score).to.equal(
      scoreText('Seaside amenities.').score,
    );
    const none = (path: string) =>
      path === 'content/review.yml' ? 'plainLanguage:\n  knownTerms: []\n' : disk(path);
    const flagged = (read: (path: string) => string) =>
      checkContent(read, NOW)
        .warnings.filter((w) => w.rule === 'reading-ease')
        .map((w) => `${w.file} ${w.path}`);
    const shipped = flagged(disk);
    expect(flagged(none)).to.include.members(shipped);
  });

  it('scores what the bot says, never the words a person might type to ask it something', () => {
    const scored = scoreMessages(loadContent(disk));
    expect(scored.filter((message) => /\.asks\[/.test(message.path))).to.deep.equal([]);
    expect(scored.some((message) => message.path === 'privacyNotice.paragraphs[0]')).to.equal(true);
  });
});
