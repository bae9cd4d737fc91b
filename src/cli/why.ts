import { loadContent } from '../content/loadContent.js';
import { createUrgencyDetector } from '../understanding/detectUrgency.js';

/**
 * `npm run why -- "a message"`: how Waymark reads one message for danger, layer by layer,
 * for safeguarding leads checking a phrase, a concept or an example. Runs offline; prints
 * to this terminal only (never to logs).
 */
const messages = process.argv.slice(2);
if (messages.length === 0) {
  console.error('Usage: npm run why -- "the message to read" ["another message"]');
  process.exit(2);
}
const detector = createUrgencyDetector(loadContent());
for (const message of messages) {
  const result = detector.detect(message);
  console.log(`\n${JSON.stringify(message)}`);
  console.log(
    `  reply: ${result.level} (decided by ${result.decidedBy.layer}: ${result.decidedBy.because || '-'})`,
  );
  for (const layer of result.layers) {
    const found = layer.categories.length ? layer.categories.join(', ') : 'nothing';
    console.log(`  ${layer.layer.padEnd(10)} ${layer.level.padEnd(9)} ${found}`);
  }
  const semantic = detector.explainSemantic(message);
  const [routine, urgent, emergency] = semantic.probabilities.map((p) => p.toFixed(2));
  console.log(
    `  semantic classifier: ${semantic.level} (routine ${routine}, urgent ${urgent}, emergency ${emergency})`,
  );
  if (semantic.level !== 'routine') {
    if (semantic.example) {
      console.log(
        `    explained by example ${semantic.example.id}, similarity ${semantic.example.similarity.toFixed(2)}`,
      );
    }
    console.log(`    features that pushed it there: ${semantic.features.join(', ') || '-'}`);
  }
  const nearest = detector.nearestExample(message);
  if (nearest) {
    console.log(
      `  nearest example: ${nearest.id} (${nearest.level}), similarity ${nearest.similarity.toFixed(2)}`,
    );
  }
}
