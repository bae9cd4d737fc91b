import { createHash } from 'node:crypto';
import type { UrgencyExample } from '../content/schema/urgencyExamplesSchema.js';
import { FEATURE_CODE_HASH } from './featureCodeHash.js';
import type { Urgency } from './urgencyTypes.js';

/**
 * The semantic layer's classifier: a logistic regression (softmax over routine, urgent and
 * emergency) trained on the labelled examples of content/urgency-examples.yml, over the
 * features the linguistic reading gives each message (see featuresOf in semanticLayer.ts).
 *
 * Training is deterministic: the examples in file order, every weight starting at zero,
 * full-batch gradient descent for a fixed number of rounds, no randomness, and weights
 * rounded so that the result does not hang on the last bit of a floating-point sum. The same
 * content always gives the same model, whether it is trained by `npm run build` (which writes
 * dist/urgency-model.json) or in process.
 */
export interface SemanticModel {
  /** Changes when the way features are read or the model is trained changes. */
  format: typeof MODEL_FORMAT;
  /** A hash of everything the model was trained from: a model for other content is stale. */
  sourceHash: string;
  /** How many examples it was trained on. */
  examples: number;
  /** The class biases: routine, urgent, emergency. */
  bias: [number, number, number];
  /** Each feature's weight towards routine, urgent and emergency. */
  weights: Record<string, [number, number, number]>;
  /**
   * Each example's features for the index that finds the example explaining a verdict, in
   * file order, so start-up need not read the examples again.
   */
  exampleFeatures: string[][];
}

/** What training needs of each example: its features for the model and for the index. */
export interface ExampleFeatures {
  model: readonly string[];
  index: readonly string[];
}

/** Bump when featuresOf or the training below changes, so a model built before is stale. */
export const MODEL_FORMAT = 'softmax-v1';

export const LEVELS: readonly Urgency[] = ['routine', 'urgent', 'emergency'];

/** How training runs. Fixed: the model is content, not a tuning run. */
const ROUNDS = 300;
const LEARNING_RATE = 0.5;
/** L2 regularisation: keeps any one word from deciding alone. */
const L2 = 0.01;
const DECIMALS = 1e5;

/**
 * The hash of what a model is trained from: the examples, how their words are read (content),
 * and the code that reads them into features and trains (FEATURE_CODE_HASH).
 */
export function modelSourceHash(parts: readonly unknown[]): string {
  const hash = createHash('sha256').update(MODEL_FORMAT).update('\0').update(FEATURE_CODE_HASH);
  for (const part of parts) hash.update('\0').update(JSON.stringify(part));
  return hash.digest('hex').slice(0, 16);
}

/** Trains the model on each example's features (read as messages are read). */
export function trainSemanticModel(
  examples: readonly UrgencyExample[],
  featuresOfExample: (example: UrgencyExample, at: number) => ExampleFeatures,
  sourceHash: string,
): SemanticModel {
  const index = new Map<string, number>();
  const read = examples.map((example, at) => featuresOfExample(example, at));
  const rows = examples.map((example, at) => {
    const ids: number[] = [];
    for (const feature of new Set(read[at]?.model)) {
      let id = index.get(feature);
      if (id === undefined) {
        id = index.size;
        index.set(feature, id);
      }
      ids.push(id);
    }
    return { ids, label: LEVELS.indexOf(example.level) };
  });
  const size = index.size;
  const weights = new Float64Array(size * 3);
  const bias = new Float64Array(3);
  const gradient = new Float64Array(size * 3);
  const biasGradient = new Float64Array(3);
  const z = new Float64Array(3);
  const n = Math.max(rows.length, 1);
  for (let round = 0; round < ROUNDS; round += 1) {
    gradient.fill(0);
    biasGradient.fill(0);
    for (const { ids, label } of rows) {
      softmaxInto(z, bias, weights, ids);
      for (let k = 0; k < 3; k += 1) {
        const g = (z[k] as number) - (k === label ? 1 : 0);
        biasGradient[k] = (biasGradient[k] as number) + g;
        for (const id of ids) gradient[id * 3 + k] = (gradient[id * 3 + k] as number) + g;
      }
    }
    for (let k = 0; k < 3; k += 1) {
      bias[k] = (bias[k] as number) - (LEARNING_RATE * (biasGradient[k] as number)) / n;
    }
    for (let i = 0; i < weights.length; i += 1) {
      const w = weights[i] as number;
      weights[i] = w - LEARNING_RATE * ((gradient[i] as number) / n + L2 * w);
    }
  }
  const round = (x: number) => Math.round(x * DECIMALS) / DECIMALS;
  const out: Record<string, [number, number, number]> = {};
  for (const [feature, id] of [...index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[feature] = [
      round(weights[id * 3] as number),
      round(weights[id * 3 + 1] as number),
      round(weights[id * 3 + 2] as number),
    ];
  }
  return {
    format: MODEL_FORMAT,
    sourceHash,
    examples: examples.length,
    bias: [round(bias[0] as number), round(bias[1] as number), round(bias[2] as number)],
    weights: out,
    exampleFeatures: read.map((features) => [...features.index]),
  };
}

function softmaxInto(
  z: Float64Array,
  bias: Float64Array,
  weights: Float64Array,
  ids: readonly number[],
): void {
  for (let k = 0; k < 3; k += 1) {
    let sum = bias[k] as number;
    for (const id of ids) sum += weights[id * 3 + k] as number;
    z[k] = sum;
  }
  normalise(z);
}

/** Softmax in place. */
function normalise(z: Float64Array | number[]): void {
  const top = Math.max(z[0] as number, z[1] as number, z[2] as number);
  let total = 0;
  for (let k = 0; k < 3; k += 1) {
    z[k] = Math.exp((z[k] as number) - top);
    total += z[k] as number;
  }
  for (let k = 0; k < 3; k += 1) z[k] = (z[k] as number) / total;
}

/** What the model makes of one message's features. */
export interface Scored {
  /** Probability of routine, urgent, emergency. */
  probabilities: [number, number, number];
  /** How many of the message's features the model knows: none means it has no evidence. */
  known: number;
  /** The known features that pushed most towards each level, strongest first (for `why`). */
  towards: (level: Urgency) => string[];
}

/** Scores a message's features. The cost grows with the message's features only. */
export function scoreFeatures(model: SemanticModel, features: readonly string[]): Scored {
  const z = [...model.bias] as [number, number, number];
  const seen: { feature: string; w: [number, number, number] }[] = [];
  for (const feature of new Set(features)) {
    const w = model.weights[feature];
    if (!w) continue;
    seen.push({ feature, w });
    z[0] += w[0];
    z[1] += w[1];
    z[2] += w[2];
  }
  normalise(z);
  return {
    probabilities: z,
    known: seen.length,
    towards(level) {
      const k = LEVELS.indexOf(level);
      const lean = (w: [number, number, number]) =>
        (w[k] as number) - Math.max(...w.filter((_, i) => i !== k));
      return seen
        .filter(({ w }) => lean(w) > 0)
        .sort((a, b) => lean(b.w) - lean(a.w))
        .slice(0, 5)
        .map(({ feature }) => feature);
    },
  };
}
