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
  /** The token this entry was last tried at, so one token never tries it twice. */
  triedAt: number;
}

/** Entries that start with one word: those of one word, and the longer ones by second word. */
interface Bucket {
  single: Entry[];
  bySecond: Map<string, Entry[]>;
}

/** Finds every concept of content/urgency-concepts.yml in a message's tokens. */
export type ConceptFinder = (tokens: Token[]) => Span[];

function bucketFor(index: Map<string, Bucket>, key: string): Bucket {
  let bucket = index.get(key);
  if (!bucket) index.set(key, (bucket = { single: [], bySecond: new Map() }));
  return bucket;
}

function keysOf(part: { word: string; lemma: string } | undefined): string[] {
  if (!part) return [];
  return part.word === part.lemma ? [part.word] : [part.word, part.lemma];
}

/**
 * Compiles the concept lists. Entries are normalised as messages are (so "he's" in a list
 * matches "hes"), and each word is also kept as its dictionary form, so that one entry
 * `hit` matches "hits", "hitting" and "hit". Entries are indexed by their first word and
 * then by their second, so a message is scanned with a few map lookups per token, however
 * many entries start with a common word such as "the" or "in"; nothing is allocated per
 * token but the spans found.
 */
export function createConceptFinder(
  concepts: UrgencyConcepts['concepts'],
  spellings: SpellingMap,
  lemmatise: (text: string) => string[],
): ConceptFinder {
  const index = new Map<string, Bucket>();
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
      const compiled: Entry = { concept, words, triedAt: -1 };
      for (const first of keysOf(words[0])) {
        const bucket = bucketFor(index, first);
        if (words.length === 1) {
          bucket.single.push(compiled);
          continue;
        }
        for (const second of keysOf(words[1])) {
          const list = bucket.bySecond.get(second) ?? [];
          if (!list.includes(compiled)) list.push(compiled);
          bucket.bySecond.set(second, list);
        }
      }
    }
  }
  const matchesAt = (tokens: Token[], at: number, entry: Entry): boolean => {
    const { words } = entry;
    for (let i = 0; i < words.length; i += 1) {
      const token = tokens[at + i];
      const part = words[i];
      if (!token || !part) return false;
      if (token.word !== part.word && token.lemma !== part.lemma && token.lemma !== part.word) {
        return false;
      }
    }
    return true;
  };
  // Each call numbers its tokens from where the last one stopped, so `triedAt` needs no reset.
  let clock = 0;
  return (tokens) => {
    const spans: Span[] = [];
    const base = clock;
    clock += tokens.length + 1;
    const tryList = (list: Entry[] | undefined, i: number) => {
      if (!list) return;
      for (const entry of list) {
        if (entry.triedAt === base + i) continue;
        entry.triedAt = base + i;
        if (matchesAt(tokens, i, entry)) {
          spans.push({ concept: entry.concept, start: i, end: i + entry.words.length });
        }
      }
    };
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i];
      if (!token || token.word === '.') continue;
      const next = tokens[i + 1];
      for (let k = 0; k < 2; k += 1) {
        const key = k === 0 ? token.word : token.lemma;
        if (k === 1 && key === token.word) break;
        const bucket = index.get(key);
        if (!bucket) continue;
        tryList(bucket.single, i);
        if (next && bucket.bySecond.size > 0) {
          tryList(bucket.bySecond.get(next.word), i);
          if (next.lemma !== next.word) tryList(bucket.bySecond.get(next.lemma), i);
        }
      }
    }
    return spans;
  };
}
