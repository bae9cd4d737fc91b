import type { UrgencyExample } from '../content/schema/urgencyExamplesSchema.js';
import type { Reading } from './readClauses.js';
import type { LayerVerdict } from './urgencyTypes.js';

/** Words too common to say anything about danger. */
const STOP = new Set([
  'the',
  'a',
  'an',
  'be',
  'is',
  'am',
  'are',
  'was',
  'and',
  'to',
  'of',
  'it',
  'that',
  'this',
  'so',
  'or',
  'but',
  'in',
  'on',
  'at',
  'for',
  'with',
  'have',
  'has',
  'do',
  'like',
  'just',
  'really',
  'very',
  'um',
  'lol',
  'x',
  '.',
  'he',
  'she',
  'they',
  'i',
  'my',
  'you',
  'we',
]);

/**
 * The features of a reading: its words' dictionary forms (marked when negated), and the
 * concepts the linguistic layer found (marked when negated). Concepts let "his van pulled
 * up" resemble "his car is parked outside" though they share no word.
 */
export function featuresOf(reading: Reading): string[] {
  const features: string[] = [];
  reading.tokens.forEach((token, i) => {
    if (reading.cancelled[i] || STOP.has(token.lemma)) return;
    features.push(reading.negated[i] ? `not:${token.lemma}` : token.lemma);
  });
  for (const [concept, spans] of reading.spans) {
    if (concept === 'doubt') continue;
    for (const span of spans) {
      const cancelled =
        reading.cancelled[span.start] && concept !== 'idiom' && concept !== 'organisation';
      if (cancelled) continue;
      features.push(reading.negated[span.start] ? `c:not-${concept}` : `c:${concept}`);
    }
  }
  return features;
}

interface Indexed {
  example: UrgencyExample;
  norm: number;
}

/** The semantic layer: the labelled example a message most resembles, if close enough. */
export interface SemanticLayer {
  detect(reading: Reading): LayerVerdict;
  /** The example a message most resembles and how alike they are, for the eval. */
  nearest(reading: Reading): { id: string; level: string; similarity: number } | undefined;
}

/**
 * Builds the semantic layer from content/urgency-examples.yml, at start-up: each example is
 * read by the same linguistic reading as messages, and weighted by how rare each feature is
 * among the examples (TF-IDF). A message is compared with every example by cosine
 * similarity through an inverted index, so the cost grows with the message's features, not
 * with the number of examples. Deterministic: no training, no randomness.
 */
export function createSemanticLayer(
  examples: readonly UrgencyExample[],
  minSimilarity: number,
  read: (text: string) => Reading,
): SemanticLayer {
  const documents = examples.map((example) => countOf(featuresOf(read(example.text))));
  const frequency = new Map<string, number>();
  for (const doc of documents) {
    for (const feature of doc.keys()) frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
  }
  // Inverse document frequency, worked out once: rare features say more.
  const unseen = Math.log(examples.length + 1) + 1;
  const idf = new Map(
    [...frequency].map(([feature, df]) => [
      feature,
      Math.log((examples.length + 1) / (df + 1)) + 1,
    ]),
  );
  const weightOf = (feature: string) => idf.get(feature) ?? unseen;
  const postings = new Map<string, { at: number; weight: number }[]>();
  const indexed: Indexed[] = documents.map((doc, at) => {
    let sum = 0;
    for (const [feature, count] of doc) {
      const weight = count * weightOf(feature);
      sum += weight * weight;
      const list = postings.get(feature) ?? [];
      list.push({ at, weight });
      postings.set(feature, list);
    }
    return { example: examples[at] as UrgencyExample, norm: Math.sqrt(sum) };
  });

  const nearest = (reading: Reading) => {
    const query = countOf(featuresOf(reading));
    const scores = new Float64Array(indexed.length);
    let sum = 0;
    for (const [feature, count] of query) {
      const list = postings.get(feature);
      const weight = count * weightOf(feature);
      sum += weight * weight;
      if (!list) continue;
      for (const { at, weight: w } of list) scores[at] = (scores[at] ?? 0) + weight * w;
    }
    const norm = Math.sqrt(sum);
    let best = -1;
    let bestScore = 0;
    for (let at = 0; at < scores.length; at += 1) {
      const score = scores[at] ?? 0;
      if (score === 0) continue;
      const similarity = score / (norm * (indexed[at]?.norm ?? 1));
      if (similarity > bestScore) {
        bestScore = similarity;
        best = at;
      }
    }
    const example = indexed[best]?.example;
    return example ? { example, similarity: bestScore } : undefined;
  };

  return {
    nearest(reading) {
      const found = nearest(reading);
      return found
        ? { id: found.example.id, level: found.example.level, similarity: found.similarity }
        : undefined;
    },
    detect(reading) {
      const found = nearest(reading);
      const close = found && found.similarity >= minSimilarity ? found.example : undefined;
      return {
        layer: 'semantic',
        level: close?.level ?? 'routine',
        categories: close && close.level !== 'routine' ? [`example:${close.id}`] : [],
        ownLife: close?.ownLife ?? false,
        strangulation: close?.strangulation ?? false,
        because: close ? close.id : '',
      };
    },
  };
}

function countOf(features: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}
