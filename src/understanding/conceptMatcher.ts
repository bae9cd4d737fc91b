import type { ConceptName, UrgencyConcepts } from '../content/schema/urgencyConceptsSchema.js';
import { normaliseText, type SpellingMap } from './normaliseText.js';
import type { Token } from './readTokens.js';

/** Where a concept was found: tokens [start, end). */
export interface Span {
  concept: ConceptName;
  start: number;
  end: number;
}

interface Entry {
  concept: ConceptName;
  /** Each word of the entry, with its dictionary form: a token matches either. */
  words: { word: string; lemma: string }[];
}

/** Finds every concept of content/urgency-concepts.yml in a message's tokens. */
export type ConceptFinder = (tokens: Token[]) => Span[];

/**
 * Compiles the concept lists. Entries are normalised as messages are (so "he's" in a list
 * matches "hes"), and each word is also kept as its dictionary form, so that one entry
 * `hit` matches "hits", "hitting" and "hit". Entries are indexed by their first word, so a
 * message is scanned with two map lookups per token.
 */
export function createConceptFinder(
  concepts: UrgencyConcepts['concepts'],
  spellings: SpellingMap,
  lemmatise: (text: string) => string[],
): ConceptFinder {
  const index = new Map<string, Entry[]>();
  for (const [concept, entries] of Object.entries(concepts) as [ConceptName, string[]][]) {
    for (const entry of entries) {
      const normal = normaliseText(entry, spellings).split(' ').filter(Boolean);
      if (normal.length === 0) continue;
      const lemmas = lemmatise(normal.join(' '));
      const words = normal.map((word, i) => ({
        word,
        // Only a one-to-one reading is trusted; otherwise the word must match as typed.
        lemma: lemmas.length === normal.length ? (lemmas[i] ?? word) : word,
      }));
      const compiled: Entry = { concept, words };
      for (const key of new Set([words[0]?.word ?? '', words[0]?.lemma ?? ''])) {
        const list = index.get(key) ?? [];
        list.push(compiled);
        index.set(key, list);
      }
    }
  }
  const matchesAt = (tokens: Token[], at: number, entry: Entry): boolean =>
    entry.words.every(({ word, lemma }, i) => {
      const token = tokens[at + i];
      return (
        token !== undefined &&
        (token.word === word || token.lemma === lemma || token.lemma === word)
      );
    });
  return (tokens) => {
    const spans: Span[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i];
      if (!token || token.word === '.') continue;
      const seen = new Set<Entry>();
      for (const key of token.word === token.lemma ? [token.word] : [token.word, token.lemma]) {
        for (const entry of index.get(key) ?? []) {
          if (seen.has(entry)) continue;
          seen.add(entry);
          if (matchesAt(tokens, i, entry)) {
            spans.push({ concept: entry.concept, start: i, end: i + entry.words.length });
          }
        }
      }
    }
    return spans;
  };
}
