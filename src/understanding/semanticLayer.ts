import type { UrgencyExample } from '../content/schema/urgencyExamplesSchema.js';
import type { Reading } from './readClauses.js';
import { scoreFeatures, trainSemanticModel, type SemanticModel } from './semanticModel.js';
import type { LayerVerdict, Urgency } from './urgencyTypes.js';

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

/** First words that make a message a question: "how do i…", "can he see…", "what is…". */
const ASKING = new Set([
  'how',
  'what',
  'whats',
  'where',
  'when',
  'can',
  'could',
  'is',
  'are',
  'do',
  'does',
  'will',
  'would',
  'should',
  'who',
  'which',
  'am',
]);

/**
 * The features the classifier reads: those of {@link featuresOf}, plus each pair of concepts
 * found in the same clause ("c:agent&presence": someone who may harm, and a place or
 * movement, together), and "q:ask" when the message opens as a question. Pairs carry who
 * does what in one clause, which single words cannot.
 */
export function modelFeaturesOf(reading: Reading): string[] {
  const features = featuresOf(reading);
  const byClause = new Map<number, Set<string>>();
  for (const [concept, spans] of reading.spans) {
    if (concept === 'doubt') continue;
    for (const span of spans) {
      const cancelled =
        reading.cancelled[span.start] && concept !== 'idiom' && concept !== 'organisation';
      if (cancelled) continue;
      const clause = reading.clauseOf[span.start] ?? 0;
      const names = byClause.get(clause) ?? new Set<string>();
      names.add(reading.negated[span.start] ? `not-${concept}` : concept);
      byClause.set(clause, names);
    }
  }
  const pairs = new Set<string>();
  for (const names of byClause.values()) {
    const sorted = [...names].sort();
    for (let i = 0; i < sorted.length; i += 1) {
      for (let j = i + 1; j < sorted.length; j += 1) pairs.add(`c:${sorted[i]}&${sorted[j]}`);
    }
  }
  features.push(...pairs);
  if (ASKING.has(reading.tokens[0]?.word ?? '')) features.push('q:ask');
  return features;
}

interface Indexed {
  example: UrgencyExample;
  norm: number;
}

/** What the semantic layer makes of a message, for `npm run why` and the eval. */
export interface SemanticReading {
  /** The classifier's level, after its confidence thresholds. */
  level: Urgency;
  /** The probability of routine, urgent and emergency. */
  probabilities: [number, number, number];
  /** The labelled example of that level the message most resembles (it explains the level). */
  example?: { id: string; level: Urgency; similarity: number };
  /** The message's features that pushed most towards that level (they are its own words). */
  features: string[];
}

/** The semantic layer: a classifier trained on labelled examples, explained by the nearest. */
export interface SemanticLayer {
  detect(reading: Reading): LayerVerdict;
  /** The example a message most resembles and how alike they are, for the eval. */
  nearest(reading: Reading): { id: string; level: string; similarity: number } | undefined;
  /** The whole reading, for `npm run why`: the features are message words, never log them. */
  explain(reading: Reading): SemanticReading;
  /** The model in use (trained in process, or built by `npm run build`). */
  model: SemanticModel;
}

/** How sure the classifier must be: see urgency-examples.yml. */
export interface Confidence {
  emergency: number;
  urgent: number;
}

/**
 * Builds the semantic layer from content/urgency-examples.yml: the classifier (given, as
 * built by `npm run build` or trained once per process, or trained here from the examples),
 * and an index of the examples by TF-IDF weighted features (kept in the model) for the
 * explanation. A message's level is the classifier's;
 * the example that explains it is the one of that level it most resembles, by cosine
 * similarity through an inverted index, so the cost grows with the message's features, not
 * with the number of examples. Deterministic: no randomness anywhere.
 */
export function createSemanticLayer(
  examples: readonly UrgencyExample[],
  confidence: Confidence,
  read: (text: string) => Reading,
  model?: SemanticModel,
): SemanticLayer {
  const trained =
    model ??
    trainSemanticModel(
      examples,
      (example) => {
        const reading = read(example.text);
        return { model: modelFeaturesOf(reading), index: featuresOf(reading) };
      },
      '',
    );
  const documents = trained.exampleFeatures.map(countOf);
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

  /** The example most alike, of the given level if one is given. */
  const nearest = (reading: Reading, level?: Urgency) => {
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
      if (level && indexed[at]?.example.level !== level) continue;
      const similarity = score / (norm * (indexed[at]?.norm ?? 1));
      if (similarity > bestScore) {
        bestScore = similarity;
        best = at;
      }
    }
    const example = indexed[best]?.example;
    return example ? { example, similarity: bestScore } : undefined;
  };

  const classify = (reading: Reading) => {
    const scored = scoreFeatures(trained, modelFeaturesOf(reading));
    const [, urgent, emergency] = scored.probabilities;
    // A message the model knows nothing of is routine: the classes' priors decide nothing.
    let level: Urgency = 'routine';
    if (scored.known > 0 && emergency >= confidence.emergency) level = 'emergency';
    else if (scored.known > 0 && urgent + emergency >= confidence.urgent) level = 'urgent';
    return { level, scored };
  };

  return {
    model: trained,
    nearest(reading) {
      const found = nearest(reading);
      return found
        ? { id: found.example.id, level: found.example.level, similarity: found.similarity }
        : undefined;
    },
    explain(reading) {
      const { level, scored } = classify(reading);
      const found = nearest(reading, level);
      return {
        level,
        probabilities: scored.probabilities,
        example: found && {
          id: found.example.id,
          level: found.example.level,
          similarity: found.similarity,
        },
        features: scored.towards(level),
      };
    },
    detect(reading) {
      const { level } = classify(reading);
      if (level === 'routine') {
        return {
          layer: 'semantic',
          level,
          categories: [],
          ownLife: false,
          strangulation: false,
          because: '',
        };
      }
      // The example of that level most alike explains the verdict (and names it in logs).
      const example = nearest(reading, level)?.example;
      const because = example ? example.id : `model-${level}`;
      return {
        layer: 'semantic',
        level,
        categories: [`example:${because}`],
        ownLife: example?.ownLife ?? false,
        strangulation: example?.strangulation ?? false,
        because,
      };
    },
  };
}

function countOf(features: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}
