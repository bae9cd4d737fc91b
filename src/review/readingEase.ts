import { load as parseYaml } from 'js-yaml';
import readability from 'text-readability';
import { z } from 'zod';
import type { Content, ReadContentFile } from '../content/loadContent.js';
import { listMessages } from './listMessages.js';

/** Where a charity sets its plain-language target. Not part of the content version. */
export const REVIEW_SETTINGS_FILE = 'content/review.yml';

/** Flesch reading ease 80 is "easy": a US 6th grade, a reading age of about 11. */
export const DEFAULT_READING_EASE = 80;

const settingsSchema = z.object({
  plainLanguage: z
    .object({
      minimumReadingEase: z.number().min(0).max(120).default(DEFAULT_READING_EASE),
      knownTerms: z.array(z.string().trim().min(2)).default([]),
    })
    .prefault({}),
});

/** The charity's plain-language settings, from content/review.yml. */
export interface PlainLanguageSettings {
  /** Messages scoring below this are listed. */
  minimumReadingEase: number;
  /**
   * Words and names the charity's readers know, scored as one short word ("domestic abuse",
   * which the design asks for, or "Samaritans"). Service and area names are always known.
   */
  knownTerms: string[];
}

/** The charity's settings (target 80 and no extra terms when the file or a field is absent). */
export function readPlainLanguageSettings(read: ReadContentFile): PlainLanguageSettings {
  let text: string;
  try {
    text = read(REVIEW_SETTINGS_FILE);
  } catch {
    return { minimumReadingEase: DEFAULT_READING_EASE, knownTerms: [] };
  }
  const result = settingsSchema.safeParse(parseYaml(text) ?? {});
  if (!result.success) {
    throw new Error(`${REVIEW_SETTINGS_FILE}: ${z.prettifyError(result.error)}`);
  }
  return result.data.plainLanguage;
}

/** The charity's target, from content/review.yml (80 when the file or the field is absent). */
export function readReadingEaseTarget(read: ReadContentFile): number {
  return readPlainLanguageSettings(read).minimumReadingEase;
}

/** Every known term: the charity's, and each service's and area's name. Longest first. */
function termsOf(content: Content, knownTerms: readonly string[]): string[] {
  return [
    ...new Set([
      ...knownTerms,
      ...content.services.services.map((service) => service.name.value),
      ...content.areas.areas.map((area) => area.name),
    ]),
  ].sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One message and how easy it is to read. */
export interface ReadingEaseScore {
  file: string;
  path: string;
  text: string;
  /** Flesch reading ease. */
  score: number;
  /** About the reading age it needs, in years (the US grade plus five). */
  readingAge: number;
}

/**
 * Scores one text. Placeholders such as {leave} are left out (they are scored on their own),
 * and each known term counts as one short word, as a reader who knows it reads it.
 */
export function scoreText(
  text: string,
  knownTerms: readonly string[] = [],
): { score: number; readingAge: number } {
  let plain = text;
  for (const term of knownTerms) {
    plain = plain.replace(new RegExp(`(?<![\\w-])${escapeRegExp(term)}(?![\\w-])`, 'gi'), 'it');
  }
  plain = plain
    .replace(/\{[a-zA-Z]+\}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const score = readability.fleschReadingEase(plain);
  return { score, readingAge: readability.fleschReadingEaseToGrade(score) + 5 };
}

/**
 * The reading ease of every message of three words or more, hardest first. Short lines
 * ("Here is support for men.") are scored too; single words are not.
 */
export function scoreMessages(
  content: Content,
  settings: Pick<PlainLanguageSettings, 'knownTerms'> = { knownTerms: [] },
): ReadingEaseScore[] {
  const terms = termsOf(content, settings.knownTerms);
  return listMessages(content)
    .filter(
      ({ text }) =>
        text
          .replace(/\{[a-zA-Z]+\}/g, '')
          .split(/\s+/)
          .filter(Boolean).length >= 3,
    )
    .map((message) => ({ ...message, ...scoreText(message.text, terms) }))
    .sort((a, b) => a.score - b.score);
}
