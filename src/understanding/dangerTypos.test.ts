import { expect } from 'chai';
import { loadContent } from '../content/loadContent.js';
import { createTypoFixer } from './dangerTypos.js';
import { createUrgencyDetector } from './detectUrgency.js';
import { toWords } from './phraseMatcher.js';
import { createLexiconCheck, loadEnglish } from './readTokens.js';

const content = loadContent();

describe('typos of danger words (dangerTypos.ts)', () => {
  const fix = createTypoFixer(
    content.urgencyConcepts.concepts,
    new Set(['he', 'me', 'is', 'a', 'got', 'the']),
    createLexiconCheck(loadEnglish()),
  );
  const fixed = (text: string) => fix(toWords(text)).text;

  it('reads a letter missing, extra, wrong, doubled or swapped as the danger word', () => {
    expect(fixed('he is hiting me')).to.equal('he is hitting me');
    expect(fixed('he stabbd me')).to.equal('he stabbed me');
    expect(fixed('he strnagled me')).to.equal('he strangled me');
    expect(fixed('he ponched me')).to.equal('he punched me');
    expect(fixed('he got a knfie')).to.equal('he got a knife');
    expect(fixed('he is chokin me')).to.equal('he is choking me');
    expect(fixed('he banged my head')).to.equal('he banged my head');
  });

  it('never changes a real word one letter from a danger word', () => {
    for (const text of [
      'skill',
      'kiln',
      'stable',
      'chose',
      'chore',
      'hot',
      'shoe',
      'bleed',
      'hurl',
    ]) {
      expect(fixed(text), text).to.equal(text);
    }
  });

  it('never changes a word the content knows', () => {
    const knows = createTypoFixer(content.urgencyConcepts.concepts, new Set(['hiting']), () => [
      false,
    ]);
    expect(knows(toWords('hiting')).text).to.equal('hiting');
  });

  it('gives every layer the word meant: typed danger is still an emergency', () => {
    const detector = createUrgencyDetector(content);
    for (const text of [
      'hes got a knfie to my throat',
      'he is strnagling me',
      'hes kiking the door in',
      'he just ponched me in the face',
      'hes threatning to kil me tonight',
    ]) {
      expect(detector.detect(text).level, text).to.equal('emergency');
    }
    for (const text of [
      'i picked up a new skill at work',
      'the kiln at pottery is hot',
      'the horse is stable now',
    ]) {
      expect(detector.detect(text).level, text).to.equal('routine');
    }
  });
});
