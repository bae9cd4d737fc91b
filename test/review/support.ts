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
