import type { UrgencyConcepts } from '../content/schema/urgencyConceptsSchema.js';
import type { urgencyExamplesSchema } from '../content/schema/urgencyExamplesSchema.js';
import type { z } from 'zod';
import type { UrgencyPhrases } from '../content/schema/urgencySchema.js';
import { createTypoFixer } from './dangerTypos.js';
import { createLinguisticLayer } from './linguisticLayer.js';
import { createLexiconCheck, loadEnglish } from './readTokens.js';
import { normaliseText, type SpellingMap } from './normaliseText.js';
import { createPhraseLayer } from './phraseLayer.js';
import { toWords, type Words } from './phraseMatcher.js';
import type { Message } from './readMessage.js';
import {
  createSemanticLayer,
  featuresOf,
  modelFeaturesOf,
  type SemanticReading,
} from './semanticLayer.js';
import {
  MODEL_FORMAT,
  modelSourceHash,
  trainSemanticModel,
  type SemanticModel,
} from './semanticModel.js';
import type { Reading } from './readClauses.js';
import { rankOf, type LayerName, type LayerVerdict, type UrgencyResult } from './urgencyTypes.js';

export type { Urgency, UrgencyResult, LayerVerdict, LayerName } from './urgencyTypes.js';

/** A compiled urgency detector. Build one at start-up from content; it holds no other state. */
export interface UrgencyDetector {
  /** Reads a message (or raw text, normalised here) for danger. */
  detect(message: string | Message): UrgencyResult;
  /** The labelled example a message most resembles, for `npm run why` and the eval. */
  nearestExample(text: string): { id: string; level: string; similarity: number } | undefined;
  /** The semantic layer's whole reading of a message, for `npm run why` (never for logs). */
  explainSemantic(text: string): SemanticReading;
  /** Where the semantic layer's model came from: built by `npm run build`, or trained here. */
  semanticModel: 'built' | 'trained';
  /** The spelling map the detector normalises with, shared by the other matchers. */
  spellings: SpellingMap;
}

/** What the detector is built from: all of it lives in content/. */
export interface UrgencyContent {
  urgency: UrgencyPhrases;
  urgencyConcepts: UrgencyConcepts;
  urgencyExamples: z.infer<typeof urgencyExamplesSchema>;
}

/** How many words the linguistic and semantic layers read: about 1,500 characters. */
const READ_WORDS = 300;

function firstWords(words: Words, count: number): Words {
  if (words.words.length <= count) return words;
  const kept = words.words.slice(0, count);
  return { text: kept.join(' '), words: kept, starts: words.starts.slice(0, count) };
}

/** The message speaks of the past or a habit, and of nothing happening now. */
function onlyPast(reading: Reading): boolean {
  const has = (concept: 'now' | 'weakNow' | 'past' | 'habit') =>
    (reading.spans.get(concept)?.length ?? 0) > 0;
  // "again" or "still" beside a named past time is old; beside a habit, it is going on.
  return !has('now') && (has('past') || (has('habit') && !has('weakNow')));
}

/** Which layers to run; all by default. The eval and bench time and score each alone. */
export type LayerChoice = readonly LayerName[];

/**
 * The hash of everything the semantic layer's model is trained from: the examples, the
 * concepts and the phrase lists' spellings (which shape how every example is read). A model
 * built for other content is stale and is not used.
 */
export function semanticModelSource(content: UrgencyContent): string {
  return modelSourceHash([content.urgencyExamples, content.urgencyConcepts, content.urgency]);
}

/** Every word the urgency content uses: such a word is never read as a typo of another. */
export function contentWords(content: UrgencyContent): Set<string> {
  const words = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const word of value.toLowerCase().split(/[^a-z]+/)) if (word) words.add(word);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        walk(key);
        walk(item);
      }
    }
  };
  walk([content.urgency, content.urgencyConcepts.concepts, content.urgencyExamples.examples]);
  return words;
}

function readerFor(content: UrgencyContent) {
  const phrases = createPhraseLayer(content.urgency);
  const { spellings } = phrases;
  const linguistic = createLinguisticLayer(content.urgencyConcepts.concepts, spellings);
  // Typos of danger words ("knif", "strangeld", "chokin") are read as the word meant, for
  // every layer: the phrase lists, the frames and the examples all see the corrected word.
  const fixTypos = createTypoFixer(
    content.urgencyConcepts.concepts,
    contentWords(content),
    createLexiconCheck(loadEnglish()),
  );
  const readText = (text: string) =>
    linguistic.read(fixTypos(toWords(normaliseText(text, spellings))));
  return { phrases, spellings, linguistic, readText, fixTypos };
}

/**
 * Trains the semantic layer's model from content, as `npm run build` does (it writes the
 * result to dist/urgency-model.json). Deterministic: the same content gives the same model.
 */
export function buildSemanticModel(
  content: UrgencyContent,
  readText: (text: string) => Reading = readerFor(content).readText,
): SemanticModel {
  return trainSemanticModel(
    content.urgencyExamples.examples,
    (example) => {
      const reading = readText(example.text);
      return { model: modelFeaturesOf(reading), index: featuresOf(reading) };
    },
    semanticModelSource(content),
  );
}

/** Models trained in this process, by source: tests and tools build many detectors. */
const trainedHere = new Map<string, SemanticModel>();

function trainedFor(content: UrgencyContent, readText: (text: string) => Reading) {
  const source = semanticModelSource(content);
  let model = trainedHere.get(source);
  if (!model) {
    model = buildSemanticModel(content, readText);
    if (trainedHere.size >= 4) trainedHere.delete(trainedHere.keys().next().value as string);
    trainedHere.set(source, model);
  }
  return model;
}

/** A built model that fits this content, or undefined when it is stale or of another format. */
export function fitting(content: UrgencyContent, model: unknown): SemanticModel | undefined {
  const candidate = model as Partial<SemanticModel> | undefined;
  return candidate?.format === MODEL_FORMAT &&
    candidate.sourceHash === semanticModelSource(content) &&
    candidate.weights
    ? (candidate as SemanticModel)
    : undefined;
}

/** Options: a model built by `npm run build`, used when it fits the content. */
export interface DetectorOptions {
  semanticModel?: unknown;
}

/**
 * Combines the layers' verdicts: the highest level wins, and the first layer (in floor-up
 * order) that reached it is the one that decided. Strangulation and a risk to one's own life
 * are kept from any reading layer that raised the level, so the advice is never lost.
 */
export function combineVerdicts(layers: LayerVerdict[]): UrgencyResult {
  let top: LayerVerdict | undefined;
  for (const verdict of layers) {
    if (verdict.level !== 'routine' && (!top || rankOf(verdict.level) > rankOf(top.level))) {
      top = verdict;
    }
  }
  const level = top?.level ?? 'routine';
  const raised = layers.filter((verdict) => verdict.level !== 'routine');
  const flagged = raised.filter((verdict) => verdict.layer !== 'semantic' || verdict === top);
  return {
    level,
    categories: [...new Set(raised.flatMap((verdict) => verdict.categories))],
    // An example's flags are a near match, not a reading: they count only when it decided.
    ownLife: level === 'emergency' && flagged.some((verdict) => verdict.ownLife),
    strangulation: flagged.some((verdict) => verdict.strangulation),
    decidedBy: top ? { layer: top.layer, because: top.because } : { layer: 'none', because: '' },
    layers,
  };
}

/**
 * Builds the urgency detector from content: the phrase lists (the auditable floor), the
 * linguistic layer (who, what, when, negation) and the semantic layer (labelled examples).
 * The phrase lists' hits are checked against the linguistic reading of the sentence, so a
 * negation or an idiom is judged by structure rather than by a window of words.
 */
export function createUrgencyDetector(
  content: UrgencyContent,
  layers: LayerChoice = ['phrases', 'linguistic', 'semantic'],
  options: DetectorOptions = {},
): UrgencyDetector {
  const { phrases, spellings, linguistic, readText, fixTypos } = readerFor(content);
  const built = fitting(content, options.semanticModel);
  const use = new Set(layers);
  const semantic = createSemanticLayer(
    content.urgencyExamples.examples,
    content.urgencyExamples.confidence,
    readText,
    built ?? trainedFor(content, readText),
  );
  const reads = use.has('linguistic') || use.has('semantic');
  return {
    spellings,
    nearestExample: (text) => semantic.nearest(readText(text)),
    explainSemantic: (text) => semantic.explain(readText(text)),
    semanticModel: built ? 'built' : 'trained',
    detect(message) {
      const words = fixTypos(
        typeof message === 'string' ? toWords(normaliseText(message, spellings)) : message.words,
      );
      // The phrase lists read up to 8 KB; the other layers read the first words only, so a
      // very long message costs no more than a long one (the floor still reads all of it).
      const reading = reads ? linguistic.read(firstWords(words, READ_WORDS)) : undefined;
      const verdicts: LayerVerdict[] = [];
      if (use.has('phrases')) {
        verdicts.push(
          phrases.detect(
            words,
            reading
              ? (i) => i < reading.tokens.length && linguistic.explainsAway(reading, i)
              : undefined,
            // A phrase in a clause of the past or a habit lowers as the whole message would.
            reading
              ? (i) => i < reading.tokens.length && linguistic.isOldAt(reading, i)
              : undefined,
            // A hit that an idiom spills out of ("i am dead" in "im dead tired"); a phrase
            // that holds a whole idiom ("he is kicking off") was written so on purpose.
            reading
              ? (start, end) =>
                  (Boolean(reading.cancelled[end - 1]) && Boolean(reading.cancelled[end])) ||
                  (Boolean(reading.cancelled[start]) && Boolean(reading.cancelled[start - 1]))
              : undefined,
          ),
        );
      }
      const read = reading && use.has('linguistic') ? linguistic.detect(reading) : undefined;
      if (read) verdicts.push(read);
      if (reading && use.has('semantic')) {
        const like = semantic.detect(reading);
        // An example says what a message is about, not when: when the reading of the
        // sentence places it in the past or a habit, or a layer that reads words (a phrase
        // list or a frame) reads it as high risk but not now ("said he would kill"), a
        // match to emergency examples gives the urgent reply, as the phrase lists' past
        // markers do.
        const floor = verdicts[0]?.layer === 'phrases' ? verdicts[0] : undefined;
        const notNow = read?.level === 'urgent' || floor?.level === 'urgent';
        if (like.level === 'emergency' && (notNow || onlyPast(reading))) {
          like.level = 'urgent';
        }
        verdicts.push(like);
      }
      return combineVerdicts(verdicts);
    },
  };
}
