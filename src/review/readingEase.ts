import { load as parseYaml } from 'js-yaml';
import readability from 'text-readability';
import { z } from 'zod';
import type { Content, ReadContentFile } from '../content/loadContent.js';

/** Where a charity sets its plain-language target. Not part of the content version. */
export const REVIEW_SETTINGS_FILE = 'content/review.yml';

/** Flesch reading ease 80 is "easy": a US 6th grade, a reading age of about 11. */
export const DEFAULT_READING_EASE = 80;

const settingsSchema = z.object({
  plainLanguage: z
    .object({
      minimumReadingEase: z.number().min(0).max(120).default(DEFAULT_READING_EASE),
    })
    .prefault({}),
});

/** The charity's target, from content/review.yml (80 when the file or the field is absent). */
export function readReadingEaseTarget(read: ReadContentFile): number {
  let text: string;
  try {
    text = read(REVIEW_SETTINGS_FILE);
  } catch {
    return DEFAULT_READING_EASE;
  }
  const result = settingsSchema.safeParse(parseYaml(text) ?? {});
  if (!result.success) {
    throw new Error(`${REVIEW_SETTINGS_FILE}: ${z.prettifyError(result.error)}`);
  }
  return result.data.plainLanguage.minimumReadingEase;
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

/** The messages a person reads: questions, outcomes, built-in replies and service lines. */
function messages(content: Content): { file: string; path: string; text: string }[] {
  const found: { file: string; path: string; text: string }[] = [];
  for (const dialog of content.dialogs) {
    const file = `dialogs/${dialog.id}.yml`;
    for (const block of [...dialog.steps, ...dialog.eligibility]) {
      if ('question' in block) found.push({ file, path: block.question, text: block.text });
    }
    for (const outcome of dialog.outcomes) {
      found.push({ file, path: `outcomes.${outcome.outcome}`, text: outcome.text });
    }
  }
  const walk = (file: string, value: unknown, path: string) => {
    if (typeof value === 'string') found.push({ file, path, text: value });
    else if (Array.isArray(value)) value.forEach((item, i) => walk(file, item, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        // Button labels are read at a glance, not as sentences.
        if (!key.endsWith('Label')) walk(file, child, path ? `${path}.${key}` : key);
      }
    }
  };
  walk('content/wording.yml', content.wording, '');
  content.services.services.forEach((service, s) => {
    found.push({
      file: 'content/services.yml',
      path: `services[${s}].summary`,
      text: service.summary,
    });
    service.offers.forEach((offer, o) => {
      found.push({
        file: 'content/services.yml',
        path: `services[${s}].offers[${o}].text`,
        text: offer.text,
      });
    });
  });
  return found;
}

/** Scores one text. Placeholders such as {leave} are left out; they are scored on their own. */
export function scoreText(text: string): { score: number; readingAge: number } {
  const plain = text
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
export function scoreMessages(content: Content): ReadingEaseScore[] {
  return messages(content)
    .filter(
      ({ text }) =>
        text
          .replace(/\{[a-zA-Z]+\}/g, '')
          .split(/\s+/)
          .filter(Boolean).length >= 3,
    )
    .map((message) => ({ ...message, ...scoreText(message.text) }))
    .sort((a, b) => a.score - b.score);
}
