import { CLAUSE_MARK, normaliseText, type SpellingMap } from './normaliseText.js';
import { toWords, type Words } from './phraseMatcher.js';

/**
 * One message, normalised once for every matcher in a turn (commands, urgency, answers,
 * mentions). It lives for one turn only and is never stored: nothing keeps the person's
 * words between turns.
 */
export interface Message {
  /** As received (already cut to the read limit by the turn service). */
  readonly text: string;
  /** Canonical form: see {@link normaliseText}. */
  readonly normal: string;
  /** Without sentence marks, for whole-message comparison (commands, "yes", labels). */
  readonly answer: string;
  /** The canonical form split into words, for phrase matching. */
  readonly words: Words;
}

/** Reads a message with the spellings every matcher of a conversation shares. */
export function readMessage(text: string, spellings: SpellingMap): Message {
  const normal = normaliseText(text, spellings);
  let answer: string | undefined;
  let words: Words | undefined;
  return {
    text,
    normal,
    get answer() {
      answer ??= normal
        .split(' ')
        .filter((word) => word !== CLAUSE_MARK)
        .join(' ');
      return answer;
    },
    get words() {
      words ??= toWords(normal);
      return words;
    },
  };
}
