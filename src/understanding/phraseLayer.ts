import type { UrgencyPhrases } from '../content/schema/urgencySchema.js';
import { CLAUSE_MARK, normaliseText, type SpellingMap } from './normaliseText.js';
import {
  compilePhrases,
  findHitSpans,
  hasHit,
  type CompiledPhrases,
  type Words,
} from './phraseMatcher.js';

import { rankOf, type LayerVerdict } from './urgencyTypes.js';

/** How many words before a phrase are searched for a negator such as "not". */
const NEGATION_WINDOW = 4;

/** Words that end the reach of a negator: "he is not here but he is on his way". */
const CLAUSE_BREAKS = new Set([
  CLAUSE_MARK,
  'but',
  'and',
  'so',
  'then',
  'though',
  'although',
  'because',
  'cos',
  'however',
]);

interface CompiledCategory {
  id: string;
  pastLowersTo?: 'urgent';
  unless?: CompiledPhrases;
  level: 'emergency' | 'urgent';
  ownLife: boolean;
  strangulation: boolean;
  /** Every pattern must match, un-negated, for the category to match. */
  patterns: CompiledPhrases[];
}

/**
 * The phrase layer: the auditable floor. Reads normalised words against the phrase lists of
 * content/urgency.yml. `isNegated`, when given, decides whether a hit at a word is negated
 * (the linguistic layer's structural reading); otherwise a short word window is used.
 */
export interface PhraseLayer {
  detect(
    words: Words,
    isNegated?: (wordIndex: number) => boolean,
    isOld?: (wordIndex: number) => boolean,
    /**
     * True when a word of the hit [wordIndex, end) is inside an idiom ("im dead tired": the
     * hit "i am dead" ends inside "dead tired"), even when the hit starts with a subject.
     */
    inIdiom?: (wordIndex: number, end: number) => boolean,
  ): LayerVerdict;
  /** The spelling map the detector normalises with, shared by the other matchers. */
  spellings: SpellingMap;
}

/** Compiles the phrase lists in content/urgency.yml into the phrase layer. */
export function createPhraseLayer(phrases: UrgencyPhrases): PhraseLayer {
  const spellings: SpellingMap = new Map(Object.entries(phrases.spellings));
  const negators = new Set(phrases.negators.map((word) => normaliseText(word, spellings)));
  const uncertainty = new Set(phrases.uncertainty.map((word) => normaliseText(word, spellings)));
  const bridges = new Set(phrases.negationBridges.map((word) => normaliseText(word, spellings)));
  // "no, he's outside": a phrase that starts with someone doing something is never negated
  // from outside it; its own negative ("he is not outside") simply does not match.
  const subjects = new Set(
    [...(phrases.groups.abuser ?? []), 'i', 'we', 'you', 'there', 'someone', 'somebody'].map(
      (word) => normaliseText(word, spellings).split(' ')[0] ?? '',
    ),
  );
  const compile = (list: readonly string[]) => compilePhrases(list, phrases.groups, spellings);
  const pastMarkers = compile(phrases.pastMarkers);
  const nowMarkers = compile(phrases.nowMarkers);
  const categories: CompiledCategory[] = phrases.categories.map((category) => ({
    id: category.id,
    pastLowersTo: category.pastLowersTo,
    unless: category.unless ? compile(category.unless) : undefined,
    level: category.level,
    ownLife: category.ownLife,
    strangulation: category.strangulation,
    patterns: (category.allOf ?? [category.phrases ?? []]).map(compile),
  }));

  /**
   * A negator cancels a phrase only when it reaches it across light words ("not in danger",
   * "has not got a knife", "not going to hurt myself"). A word with meaning in between ends
   * its reach: "can't talk he's here", "he won't stop hitting me" still count.
   */
  const isNegated = (words: string[], wordIndex: number): boolean => {
    if (subjects.has(words[wordIndex] ?? '')) return false;
    for (let i = wordIndex - 1; i >= 0 && i >= wordIndex - NEGATION_WINDOW; i -= 1) {
      const word = words[i] ?? '';
      if (negators.has(word)) {
        // "not sure if he is coming": doubt after the negator undoes it.
        return !words.slice(i + 1, wordIndex).some((w) => uncertainty.has(w));
      }
      if (CLAUSE_BREAKS.has(word) || !bridges.has(word)) return false;
    }
    return false;
  };

  return {
    spellings,
    detect(words, structuralNegation, isOld, inIdiom) {
      const negated = (index: number, end: number) =>
        // A phrase that starts with someone doing something is never negated from outside.
        (!subjects.has(words.words[index] ?? '') &&
          (structuralNegation ? structuralNegation(index) : isNegated(words.words, index))) ||
        Boolean(inIdiom?.(index, end));
      // A hit that counts: not negated. `old` stays true while every hit that counts sits in
      // a clause that speaks only of the past or a habit ("they always come back fine"); it is
      // set afresh for each category.
      let old: boolean;
      const matches = (phrases: CompiledPhrases, text: Words) => {
        let found = false;
        for (const { start: wordIndex, end } of findHitSpans(phrases, text)) {
          if (negated(wordIndex, end)) continue;
          found = true;
          if (!isOld?.(wordIndex)) old = false;
        }
        return found;
      };
      const result: LayerVerdict = {
        layer: 'phrases',
        level: 'routine',
        categories: [],
        ownLife: false,
        strangulation: false,
        because: '',
      };
      // Only speaking of the past, with nothing about now: some dangers become high risk
      // rather than danger now. Any sign of now keeps the higher level.
      const onlyPast = hasHit(pastMarkers, words) && !hasHit(nowMarkers, words);
      for (const category of categories) {
        old = isOld !== undefined;
        if (!category.patterns.every((phrases) => matches(phrases, words))) {
          continue;
        }
        if (category.unless && hasHit(category.unless, words)) continue;
        result.categories.push(category.id);
        const lower = (onlyPast || old) && category.pastLowersTo;
        const level = lower ? (category.pastLowersTo ?? category.level) : category.level;
        // The category that first reached the highest level is the one that decided.
        if (rankOf(level) > rankOf(result.level)) {
          result.level = level;
          result.because = category.id;
        }
        if (category.ownLife) result.ownLife = true;
        if (category.strangulation) result.strangulation = true;
      }
      return result;
    },
  };
}
