import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Conversation } from '../src/engine/compileConversation.js';
import { createUrgencyDetector, type UrgencyDetector } from '../src/understanding/detectUrgency.js';
import { summarise, timeEach } from './stats.js';

/** Urgency detection per message, in ms, by which layers run. */
export interface UrgencyFigures {
  messages: number;
  all: { median: number; p99: number };
  phrases: { median: number; p99: number };
  phrasesLinguistic: { median: number; p99: number };
  /** Building the detector from content (model, concepts, examples), once. */
  buildMs: number;
}

/**
 * Every labelled phrasing the project has (the urgency cases and the three evaluation sets),
 * plus one long message, through the detector as the bot runs it and through the phrase lists
 * alone, in the same run.
 */
export async function benchUrgency(conversation: Conversation): Promise<UrgencyFigures> {
  const files = [
    'test/urgency/cases.yml',
    'test/eval/dev-urgency.yml',
    'test/eval/held-out-urgency.yml',
    'test/eval/held-out-2-urgency.yml',
  ];
  const messages = [
    ...files.flatMap((path) =>
      (parse(readFileSync(path, 'utf8')) as { text: string }[]).map((c) => c.text),
    ),
    `he has a knife ${'and more words '.repeat(600)}`,
  ];
  const content = conversation.content;
  const time = async (detector: UrgencyDetector) =>
    summarise(await timeEach(messages, 50, (text) => detector.detect(text)));
  const all = await time(conversation.urgency);
  const phrases = await time(createUrgencyDetector(content, ['phrases']));
  const phrasesLinguistic = await time(createUrgencyDetector(content, ['phrases', 'linguistic']));
  const started = performance.now();
  createUrgencyDetector(content);
  return {
    messages: messages.length,
    all,
    phrases,
    phrasesLinguistic,
    buildMs: performance.now() - started,
  };
}
