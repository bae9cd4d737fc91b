/**
 * The most of a message that understanding reads. Longer messages are cut here, so that
 * urgency detection stays fast on a message of any size while still reading its start.
 */
export const MAX_READ_CHARS = 8192;

/** A token that marks the end of a sentence; phrases never match across it. */
export const CLAUSE_MARK = '.';

const contractionRules: [RegExp, string][] = [
  [/\bcan[’']t\b/g, 'can not'],
  [/\bwon[’']t\b/g, 'will not'],
  [/\bshan[’']t\b/g, 'shall not'],
  [/n[’']t\b/g, ' not'],
  [/[’']m\b/g, ' am'],
  [/[’']re\b/g, ' are'],
  [/[’']ve\b/g, ' have'],
  [/[’']ll\b/g, ' will'],
  [/[’']d\b/g, ' would'],
  [/\b(he|she|it|that|there|what|who|where|here)[’']s\b/g, '$1 is'],
];

/** Rewrites one token into its usual spelling, such as "nife" into "knife". */
export type SpellingMap = ReadonlyMap<string, string>;

/**
 * Turns a message into a canonical form for matching: lower case, contractions written out,
 * chat spellings and typos rewritten, punctuation dropped except sentence ends (kept as
 * {@link CLAUSE_MARK}), single spaces. Phrases are put through the same function, so staff
 * can write them naturally ("he's outside").
 */
export function normaliseText(text: string, spellings: SpellingMap): string {
  // Pure, and it keeps nothing: a turn normalises its message once (readMessage.ts) and
  // hands the result to every matcher.
  // Markup is dropped first, so "he's <i>outside</i>" still reads as "he's outside".
  let result = text
    .slice(0, MAX_READ_CHARS)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/<[^<>]{0,200}>/g, ' ');
  for (const [pattern, replacement] of contractionRules) {
    result = result.replace(pattern, replacement);
  }
  result = result
    .replace(/[’'`]/g, '')
    .replace(/[.!?;,:]+|\n+/g, ` ${CLAUSE_MARK} `)
    .replace(/[^a-z0-9. ]+/g, ' ');
  const words: string[] = [];
  for (const word of result.split(' ')) {
    if (!word) continue;
    const respelt = spellings.get(word);
    words.push(respelt ?? word);
  }
  return words.join(' ');
}

/** A message reduced for whole-message comparison: commands, "yes", option labels. */
export function normaliseAnswer(text: string, spellings: SpellingMap): string {
  return normaliseText(text, spellings)
    .split(' ')
    .filter((word) => word !== CLAUSE_MARK)
    .join(' ');
}
