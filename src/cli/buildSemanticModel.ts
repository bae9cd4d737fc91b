import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadContent } from '../content/loadContent.js';
import { buildSemanticModel } from '../understanding/detectUrgency.js';

/**
 * Run by `npm run build` (so by npm start and npm test): trains the semantic layer's model
 * from content/urgency-examples.yml and writes it beside the compiled app, as
 * dist/urgency-model.json, so start-up loads it instead of training. Deterministic: the same
 * content gives the same file. A model that does not fit the content is never used.
 */
const out = process.argv[2] ?? join('dist', 'urgency-model.json');
const started = performance.now();
const model = buildSemanticModel(loadContent());
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(model)}\n`);
console.log(
  `urgency model: ${model.examples} examples, ${Object.keys(model.weights).length} features, ` +
    `${(performance.now() - started).toFixed(0)} ms -> ${out}`,
);
