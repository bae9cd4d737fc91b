import { readFileSync } from 'node:fs';
import { loadContent, readFromDisk, type Content } from '../../src/content/loadContent.js';

/** The real content files, read once. */
export const disk = readFromDisk();

/** The real content with dialogs/triage.yml replaced by a fixture in test/review/fixtures. */
export function contentWithDialog(fixture: string): Content {
  const text = readFileSync(`test/review/fixtures/${fixture}`, 'utf8');
  return loadContent((path) => (path === 'dialogs/triage.yml' ? text : disk(path)));
}

/** A fixed moment, so that "open now" reads the same on every run. */
export const NOW = new Date('2026-12-01T12:00:00Z');

/** A dialog of `count` questions in a row, each with two options, as YAML. */
export function longDialog(count: number): string {
  const steps = Array.from({ length: count }, (_, i) =>
    [
      `  - question: step-${i + 1}`,
      `    slot: s${i + 1}`,
      `    text: Question number ${i + 1}. In an emergency call 999.`,
      '    options:',
      `      - { value: a, label: First answer to ${i + 1} }`,
      `      - { value: b, label: Second answer to ${i + 1} }`,
    ].join('\n'),
  );
  const slots = Array.from({ length: count }, (_, i) => `s${i + 1}`).join(', ');
  return `id: triage\nslots: [${slots}]\npolicy:\n  interruptions: []\nsteps:\n${steps.join('\n')}\n  - route: signpost\noutcomes:\n  - { outcome: everyone, text: The one outcome. In an emergency call 999. }\n`;
}
