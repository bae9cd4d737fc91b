import type { Content } from '../content/loadContent.js';

/** One thing the bot can say, with where it is written. */
export interface ContentMessage {
  file: string;
  /** Path inside the file, as content:check names it (services[2].summary). */
  path: string;
  /** Stable across edits elsewhere: services by id, not by place in the list. */
  key: string;
  text: string;
}

/** Keys under content/wording.yml whose strings a person never reads from the bot. */
const NOT_SHOWN = new Set(['asks', 'id', 'service']);

/**
 * Every message a person can read: questions, outcomes, built-in replies, trust answers and
 * service lines, typed-only replies included. Button labels only when `labels` is set:
 * they are wording, but read at a glance rather than as sentences.
 */
export function listMessages(content: Content, options = { labels: false }): ContentMessage[] {
  const found: ContentMessage[] = [];
  const add = (file: string, path: string, text: string, key = path) =>
    found.push({ file, path, key: `${file} ${key}`, text });
  for (const dialog of content.dialogs) {
    const file = `dialogs/${dialog.id}.yml`;
    for (const block of [...dialog.steps, ...dialog.eligibility]) {
      if (!('question' in block)) continue;
      add(file, block.question, block.text);
      if (!options.labels) continue;
      for (const option of block.options) {
        add(file, `${block.question}.options.${option.value}.label`, option.label);
      }
    }
    for (const outcome of dialog.outcomes) add(file, `outcomes.${outcome.outcome}`, outcome.text);
  }
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') add('content/wording.yml', path, value);
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        // `asks` are what a person may type (matched, never shown); ids are not words.
        if (NOT_SHOWN.has(key) || (!options.labels && key.endsWith('Label'))) continue;
        walk(child, path ? `${path}.${key}` : key);
      }
    }
  };
  walk(content.wording, '');
  content.services.services.forEach((service, s) => {
    const file = 'content/services.yml';
    add(file, `services[${s}].summary`, service.summary, `${service.id}.summary`);
    service.offers.forEach((offer, o) => {
      add(file, `services[${s}].offers[${o}].text`, offer.text, `${service.id}.offers[${o}]`);
    });
  });
  return found;
}
