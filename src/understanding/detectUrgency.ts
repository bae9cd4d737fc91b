import type { UrgencyPhrases } from '../content/schema/urgencySchema.js';
import { CLAUSE_MARK, normaliseText, type SpellingMap } from './normaliseText.js';
import { compilePhrases, findHits } from './phraseMatcher.js';

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
const NEGATION_WINDOW = 3;

/** Words that end the reach of a negator: "he is not here but he is on his way". */
const CLAUSE_BREAKS = new Set([CLAUSE_MARK, 'but', 'and', 'so', 'then', 'though', 'although', 'because', 'cos', 'however']);

interface CompiledCategory {
  id: string;
  pastLowersTo?: 'urgent';
  unless?: RegExp;
  level: 'emergency' | 'urgent';
  ownLife: boolean;
  strangulation: boolean;
  /** Every pattern must match, un-negated, for the category to match. */
  patterns: RegExp[];
}

/** A compiled urgency detector. Build one at start-up; detection is then a few regex scans. */
export interface UrgencyDetector {
  detect(text: string): UrgencyResult;
  /** The spelling map the detector normalises with, shared by the other matchers. */
  spellings: SpellingMap;
}

/** Compiles the phrase lists in content/urgency.yml into a detector. */
export function createUrgencyDetector(phrases: UrgencyPhrases): UrgencyDetector {
  const spellings: SpellingMap = new Map(Object.entries(phrases.spellings));
  const negators = new Set(phrases.negators.map((word) => normaliseText(word, spellings)));
  const uncertainty = new Set(phrases.uncertainty.map((word) => normaliseText(word, spellings)));
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

  const isNegated = (words: string[], wordIndex: number): boolean => {
    let negated = false;
    for (let i = wordIndex - 1; i >= 0 && i >= wordIndex - NEGATION_WINDOW; i -= 1) {
      const word = words[i] ?? '';
      if (CLAUSE_BREAKS.has(word)) break;
      // "not sure if he is coming": doubt undoes the negator, so the phrase still counts.
      if (uncertainty.has(word)) return false;
      if (negators.has(word)) negated = true;
    }
    return negated;
  };

  const matches = (pattern: RegExp, text: string, words: string[], starts: number[]) =>
    findHits(pattern, text).some((hit) => !isNegated(words, wordIndexAt(starts, hit.start)));

  return {
    spellings,
    detect(text) {
      const normal = normaliseText(text, spellings);
      const words = normal.split(' ');
      const starts = wordStarts(words);
      const result: UrgencyResult = {
        level: 'routine',
        categories: [],
        ownLife: false,
        strangulation: false,
      };
      // Only speaking of the past, with nothing about now: some dangers become high risk
      // rather than danger now. Any sign of now keeps the higher level.
      const onlyPast = hasHit(pastMarkers, normal) && !hasHit(nowMarkers, normal);
      for (const category of categories) {
        if (!category.patterns.every((pattern) => matches(pattern, normal, words, starts))) {
          continue;
        }
        if (category.unless && hasHit(category.unless, normal)) continue;
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

function hasHit(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function wordStarts(words: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const word of words) {
    starts.push(offset);
    offset += word.length + 1;
  }
  return starts;
}

function wordIndexAt(starts: number[], charIndex: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= charIndex) low = mid;
    else high = mid - 1;
  }
  return low;
}
