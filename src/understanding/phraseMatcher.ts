import { CLAUSE_MARK, normaliseText, type SpellingMap } from './normaliseText.js';

/** Word lists that phrases can name as {group}. */
export type PhraseGroups = Readonly<Record<string, readonly string[]>>;

/** Where a phrase matched in normalised text. */
export interface PhraseHit {
  /** Index of the first character of the match in the normalised text. */
  start: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles phrases into one regular expression over normalised text. A word ending in *
 * matches any ending; {name} matches any entry of that group. Phrases are normalised the
 * same way as messages, so "he's" in a phrase matches "hes" and "he is" in a message.
 */
export function compilePhrases(
  phrases: readonly string[],
  groups: PhraseGroups,
  spellings: SpellingMap,
): RegExp {
  const alternatives = phrases.map((phrase) => compileOne(phrase, groups, spellings));
  // Longest first, so a longer phrase wins over a prefix of it.
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(`(?<=^| )(?:${alternatives.join('|')})(?= |$)`, 'g');
}

function compileOne(phrase: string, groups: PhraseGroups, spellings: SpellingMap): string {
  const parts: string[] = [];
  for (const piece of phrase.trim().split(/\s+/)) {
    const group = /^\{([a-z-]+)\}$/.exec(piece);
    if (group) {
      const name = group[1] ?? '';
      const entries = groups[name];
      if (!entries) throw new Error(`Unknown phrase group {${name}} in "${phrase}"`);
      const inner = entries.map((entry) => compileOne(entry, groups, spellings));
      parts.push(`(?:${inner.join('|')})`);
    } else if (piece.endsWith('*')) {
      const stem = normaliseText(piece.slice(0, -1), spellings);
      parts.push(`${escapeRegExp(stem)}[a-z0-9]*`);
    } else {
      const normal = normaliseText(piece, spellings);
      if (normal && normal !== CLAUSE_MARK) parts.push(escapeRegExp(normal));
    }
  }
  return parts.join(' ');
}

/** Every place `pattern` matches in `text` (already normalised). */
export function findHits(pattern: RegExp, text: string): PhraseHit[] {
  const hits: PhraseHit[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    hits.push({ start: match.index });
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
  return hits;
}
