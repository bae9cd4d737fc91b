import { distance } from 'fastest-levenshtein';
import type { ConceptName, UrgencyConcepts } from '../content/schema/urgencyConceptsSchema.js';
import { toWords, type Words } from './phraseMatcher.js';

/**
 * The concepts whose words are worth reading through a typo: harm, weapons, injuries,
 * strangulation, threats, being kept in, fire, one's own life, and someone at the door.
 * A typo of an everyday word (a place, a time, a person) is left as typed.
 */
export const TYPO_CONCEPTS: readonly ConceptName[] = [
  'harm',
  'threatVerb',
  'weapon',
  'injuryStrong',
  'injuryWeak',
  'strangulation',
  'strangulationSymptom',
  'trapped',
  'fire',
  'sexual',
  'fear',
  'distress',
  'ownLifeMeans',
  'ownLifeWords',
  'presence',
  'speech',
];

/** Concepts of actions, whose words are also read in their other forms ("stab", "stabbed"). */
const VERB_CONCEPTS = new Set<ConceptName>(['harm', 'threatVerb', 'strangulation', 'speech']);

/**
 * Words never read as a typo of a danger word, though wink's lexicon does not know them:
 * chat words and names that sit one letter from one ("skil" is not "skill" → "kill").
 */
const NEVER_TYPOS = new Set(['chokka', 'stabl', 'kiln', 'skil', 'hott', 'hitt', 'shoo', 'boxin']);

/** The longest message prefix, in words, read for typos: as many as the reading layers read. */
const TYPO_WORDS = 300;

/** Reads a message's words with typos of danger words put right. */
export type TypoFixer = (words: Words) => Words;

/** "stabbed" → "stabed", "bleeding" → "bleding": doubled letters as one. */
function undoubled(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}

function plural(word: string): string {
  return word.endsWith('s') ? word : `${word}s`;
}

/** The forms a verb of a list takes: hit, hits, hitting; choke, choked, choking; stab, stabbed. */
function formsOf(word: string): string[] {
  const last = word.at(-1) ?? '';
  // A short word ending consonant, vowel, consonant doubles its last letter: stabbed, hitting.
  const doubles =
    word.length <= 4 && /[bdgmnprt]/.test(last) && /^[^aeiou]*[aeiou][bdgmnprt]$/.test(word);
  const forms = [word, plural(word)];
  if (doubles) forms.push(`${word}${last}ed`, `${word}${last}ing`);
  else if (word.endsWith('e')) forms.push(`${word}d`, `${word.slice(0, -1)}ing`);
  else forms.push(`${word}ed`, `${word}ing`);
  return forms;
}

/** Two words of one length that differ only by two letters side by side swapped. */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return (
    i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  );
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Builds the typo reader from the concept lists. A word is read as a danger word when it is
 * not a word Waymark knows (any word of the content) nor a word of wink's English lexicon,
 * and it is one slip from a danger word:
 * - a letter doubled or not doubled ("kil", "stabed", "bleding", "pinnned"), for any length;
 * - for danger words of five letters or more, one letter missing, extra or wrong ("knif",
 *   "chokin", "stabbd") or two letters swapped ("strangeld").
 * Real words one letter away ("skill", "kiln", "stable", "chose", "hot") are never changed:
 * they are in the lexicon. Candidates are found by deletions (a few map lookups per word),
 * so most messages never reach the lexicon check.
 */
export function createTypoFixer(
  concepts: UrgencyConcepts['concepts'],
  knownWords: ReadonlySet<string>,
  inLexicon: (pairs: { word: string; target: string }[]) => boolean[],
): TypoFixer {
  // Each target word, in the order of TYPO_CONCEPTS: when a typo is one slip from two
  // words, the one of the earlier concept is read ("ponched" is "punched", not "porched").
  const targets = new Set<string>();
  for (const concept of TYPO_CONCEPTS) {
    for (const entry of concepts[concept] ?? []) {
      for (const word of entry.toLowerCase().split(/[^a-z]+/)) {
        if (word.length < 3) continue;
        const forms = VERB_CONCEPTS.has(concept) ? formsOf(word) : [word, plural(word)];
        for (const form of forms) targets.add(form);
      }
    }
  }
  const order = new Map([...targets].map((target, i) => [target, i]));
  const byUndoubled = new Map<string, string>();
  const byDeletion = new Map<string, string[]>();
  for (const target of targets) {
    // "hiting" is read as "hitting": of the forms alike but for doubling, the longest.
    const key = undoubled(target);
    if ((byUndoubled.get(key)?.length ?? 0) < target.length) byUndoubled.set(key, target);
    if (target.length < 5) continue;
    for (const key of [target, ...deletionsOf(target)]) {
      const list = byDeletion.get(key) ?? [];
      if (!list.includes(target)) list.push(target);
      byDeletion.set(key, list);
    }
  }

  const candidateFor = (word: string): string | undefined => {
    if (targets.has(word)) return undefined;
    const doubled = byUndoubled.get(undoubled(word));
    if (doubled && doubled !== word) return doubled;
    if (word.length < 4) return undefined;
    const found = new Set<string>(byDeletion.get(word) ?? []);
    for (const shorter of deletionsOf(word)) {
      if (targets.has(shorter) && shorter.length >= 5) found.add(shorter);
      for (const target of byDeletion.get(shorter) ?? []) found.add(target);
    }
    const ranked = [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    for (const target of ranked) {
      if (distance(word, target) === 1 || isTransposition(word, target)) return target;
    }
    return undefined;
  };

  return (words) => {
    const fixes: { at: number; word: string; target: string }[] = [];
    const limit = Math.min(words.words.length, TYPO_WORDS);
    for (let i = 0; i < limit; i += 1) {
      const word = words.words[i] ?? '';
      if (word.length < 3 || knownWords.has(word) || NEVER_TYPOS.has(word)) continue;
      if (!/^[a-z]+$/.test(word)) continue;
      const target = candidateFor(word);
      if (target) fixes.push({ at: i, word, target });
    }
    if (fixes.length === 0) return words;
    const known = inLexicon(fixes);
    const fixed = [...words.words];
    let changed = false;
    fixes.forEach((fix, k) => {
      if (known[k]) return;
      fixed[fix.at] = fix.target;
      changed = true;
    });
    return changed ? toWords(fixed.join(' ')) : words;
  };
}
