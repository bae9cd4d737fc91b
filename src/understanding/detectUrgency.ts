import type { UrgencyPhrases } from '../content/schema/urgencySchema.js';
import { CLAUSE_MARK, normaliseText, type SpellingMap } from './normaliseText.js';
import type { Message } from './readMessage.js';
import {
  compilePhrases,
  findHits,
  hasHit,
  toWords,
  type CompiledPhrases,
  type Words,
} from './phraseMatcher.js';

/** The urgency levels of design.md, highest first. */
export type Urgency = 'emergency' | 'urgent' | 'routine';

/** What urgency detection found in one message. */
export interface UrgencyResult {
  level: Urgency;
  /** The ids of the categories that matched, for tests and counters. Never message text. */
  categories: string[];
  /** A risk to the person's own life: the emergency reply adds Samaritans, Shout and 111. */
  ownLife: boolean;
  /** Past strangulation: the urgent reply adds medical advice. */
  strangulation: boolean;
}

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

/** A compiled urgency detector. Build one at start-up; detection is then a few regex scans. */
export interface UrgencyDetector {
  /** Reads a message (or raw text, normalised here) for danger. */
  detect(message: string | Message): UrgencyResult;
  /** The spelling map the detector normalises with, shared by the other matchers. */
  spellings: SpellingMap;
}

/** Compiles the phrase lists in content/urgency.yml into a detector. */
export function createUrgencyDetector(phrases: UrgencyPhrases): UrgencyDetector {
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

  const matches = (phrases: CompiledPhrases, text: Words) =>
    findHits(phrases, text).some((wordIndex) => !isNegated(text.words, wordIndex));

  return {
    spellings,
    detect(message) {
      const words =
        typeof message === 'string' ? toWords(normaliseText(message, spellings)) : message.words;
      const result: UrgencyResult = {
        level: 'routine',
        categories: [],
        ownLife: false,
        strangulation: false,
      };
      // Only speaking of the past, with nothing about now: some dangers become high risk
      // rather than danger now. Any sign of now keeps the higher level.
      const onlyPast = hasHit(pastMarkers, words) && !hasHit(nowMarkers, words);
      for (const category of categories) {
        if (!category.patterns.every((phrases) => matches(phrases, words))) {
          continue;
        }
        if (category.unless && hasHit(category.unless, words)) continue;
        result.categories.push(category.id);
        const level = onlyPast && category.pastLowersTo ? category.pastLowersTo : category.level;
        if (level === 'emergency') result.level = 'emergency';
        else if (result.level === 'routine') result.level = 'urgent';
        if (category.ownLife) result.ownLife = true;
        if (category.strangulation) result.strangulation = true;
      }
      return result;
    },
  };
}
