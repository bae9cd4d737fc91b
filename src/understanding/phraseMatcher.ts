import { CLAUSE_MARK, normaliseText, type SpellingMap } from './normaliseText.js';

/** Word lists that phrases can name as {group}. */
export type PhraseGroups = Readonly<Record<string, readonly string[]>>;

/** Normalised text split into words, with where each word starts. */
export interface Words {
  text: string;
  words: string[];
  starts: number[];
}

/** Splits normalised text into words once, for every matcher to share. */
export function toWords(text: string): Words {
  const words = text.split(' ');
  const starts: number[] = [];
  let offset = 0;
  for (const word of words) {
    starts.push(offset);
    offset += word.length + 1;
  }
  return { text, words, starts };
}

/**
 * Phrases compiled for fast matching. Phrases are bucketed by the words they can start
 * with, so a message is scanned with one map lookup per word rather than by trying every
 * phrase at every position: that keeps an 8 KB message well under a millisecond.
 */
export interface CompiledPhrases {
  byFirstWord: Map<string, RegExp>;
  /** Phrases whose first word ends in *, by the stem it must start with. */
  byPrefix: { prefix: string; pattern: RegExp }[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as a regex source, and the words (or stems) it can begin with. */
interface Piece {
  source: string;
  first: { word: string; prefix: boolean }[];
}

/**
 * Normalised tokens and compiled groups, remembered while compiling: expanded phrases share
 * most of their words, and start-up would otherwise normalise the same word thousands of times.
 */
const tokenCache = new WeakMap<SpellingMap, Map<string, string>>();
const groupCache = new WeakMap<PhraseGroups, Map<string, Piece>>();

function normaliseToken(token: string, spellings: SpellingMap): string {
  let cache = tokenCache.get(spellings);
  if (!cache) tokenCache.set(spellings, (cache = new Map()));
  let normal = cache.get(token);
  if (normal === undefined) cache.set(token, (normal = normaliseText(token, spellings)));
  return normal;
}

function compileGroup(name: string, groups: PhraseGroups, spellings: SpellingMap): Piece {
  let cache = groupCache.get(groups);
  if (!cache) groupCache.set(groups, (cache = new Map()));
  const known = cache.get(name);
  if (known) return known;
  const entries = groups[name];
  if (!entries) throw new Error(`Unknown phrase group {${name}}`);
  const inner = entries.map((entry) => compileOne(entry, groups, spellings));
  const piece = {
    source: `(?:${inner.map((p) => p.source).join('|')})`,
    first: inner.flatMap((p) => p.first),
  };
  cache.set(name, piece);
  return piece;
}

function compileOne(phrase: string, groups: PhraseGroups, spellings: SpellingMap): Piece {
  const parts: string[] = [];
  let first: Piece['first'] | undefined;
  for (const token of phrase.trim().split(/\s+/)) {
    const group = /^\{([a-z-]+)\}$/.exec(token);
    let source: string;
    let starts: Piece['first'];
    if (group) {
      const piece = compileGroup(group[1] ?? '', groups, spellings);
      source = piece.source;
      starts = piece.first;
    } else if (token.endsWith('*')) {
      const stem = normaliseToken(token.slice(0, -1), spellings);
      source = `${escapeRegExp(stem)}[a-z0-9]*`;
      starts = [{ word: stem.split(' ')[0] ?? stem, prefix: !stem.includes(' ') }];
    } else {
      const normal = normaliseToken(token, spellings);
      if (!normal || normal === CLAUSE_MARK) continue;
      source = escapeRegExp(normal);
      starts = [{ word: normal.split(' ')[0] ?? normal, prefix: false }];
    }
    parts.push(source);
    first ??= starts;
  }
  return { source: parts.join(' '), first: first ?? [] };
}

/**
 * "{abuser-is} outside" becomes "he is outside", "she is outside" and so on, so that each
 * first-word bucket holds only the phrases that really start with that word. Otherwise every
 * "he" in a message would try the whole group's alternation.
 */
function expandLeadingGroup(phrase: string, groups: PhraseGroups): string[] {
  const match = /^\s*\{([a-z-]+)\}(.*)$/.exec(phrase);
  const entries = match ? groups[match[1] ?? ''] : undefined;
  if (!match || !entries) return [phrase];
  return entries.flatMap((entry) => expandLeadingGroup(`${entry}${match[2] ?? ''}`, groups));
}

/**
 * Compiles phrases for matching normalised text. A word ending in * matches any ending;
 * {name} matches any entry of that group. Phrases are normalised as messages are, so
 * "he's" in a phrase matches "hes" and "he is" in a message.
 */
export function compilePhrases(
  phrases: readonly string[],
  groups: PhraseGroups,
  spellings: SpellingMap,
): CompiledPhrases {
  const words = new Map<string, string[]>();
  const prefixes = new Map<string, string[]>();
  for (const phrase of phrases.flatMap((p) => expandLeadingGroup(p, groups))) {
    const piece = compileOne(phrase, groups, spellings);
    for (const start of piece.first) {
      const bucket = start.prefix ? prefixes : words;
      const list = bucket.get(start.word) ?? [];
      list.push(piece.source);
      bucket.set(start.word, list);
    }
  }
  // Sticky, so each test starts exactly at a word; longest first, so a phrase beats its prefix.
  const toPattern = (sources: string[]) =>
    new RegExp(
      `(?:${[...new Set(sources)].sort((a, b) => b.length - a.length).join('|')})(?= |$)`,
      'y',
    );
  return {
    byFirstWord: new Map([...words].map(([word, sources]) => [word, toPattern(sources)])),
    byPrefix: [...prefixes].map(([prefix, sources]) => ({ prefix, pattern: toPattern(sources) })),
  };
}

/** The indexes of the words at which a phrase matches. */
export function findHits(phrases: CompiledPhrases, text: Words): number[] {
  return findHitSpans(phrases, text).map((hit) => hit.start);
}

/** Where phrases match: the words [start, end) of each hit, by its first word. */
export function findHitSpans(
  phrases: CompiledPhrases,
  text: Words,
): { start: number; end: number }[] {
  const hits: { start: number; end: number }[] = [];
  const { words, starts } = text;
  const endOf = (i: number, length: number) => {
    let end = i + 1;
    const stop = (starts[i] ?? 0) + length;
    while (end < words.length && (starts[end] ?? Infinity) < stop) end += 1;
    return end;
  };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const pattern = phrases.byFirstWord.get(word);
    const length = pattern ? matchAt(pattern, text.text, starts[i] ?? 0) : -1;
    if (length >= 0) {
      hits.push({ start: i, end: endOf(i, length) });
      continue;
    }
    for (const { prefix, pattern: stemmed } of phrases.byPrefix) {
      if (!word.startsWith(prefix)) continue;
      const stemmedLength = matchAt(stemmed, text.text, starts[i] ?? 0);
      if (stemmedLength >= 0) {
        hits.push({ start: i, end: endOf(i, stemmedLength) });
        break;
      }
    }
  }
  return hits;
}

/** The length of a sticky pattern's match at index (test leaves lastIndex at its end), or -1. */
function matchAt(pattern: RegExp, text: string, index: number): number {
  pattern.lastIndex = index;
  return pattern.test(text) ? pattern.lastIndex - index : -1;
}

/** True when any phrase matches anywhere in the text. */
export function hasHit(phrases: CompiledPhrases, text: Words): boolean {
  return findHits(phrases, text).length > 0;
}
