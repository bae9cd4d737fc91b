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
});
