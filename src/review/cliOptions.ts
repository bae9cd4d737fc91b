import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

/** Options shared by the review commands: where to write, and the moment to show. */
export interface ReviewCliOptions {
  out: string;
  now: Date;
  linkBase: string;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * Reads `--out FILE` (default given), `--at ISO-DATE` (the moment for "open now"; default
 * now) and any extra options of one command.
 */
export function readCliOptions(
  defaultOut: string,
  extra: Record<string, { type: 'string' | 'boolean' }> = {},
): ReviewCliOptions {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, at: { type: 'string' }, ...extra },
  });
  const at = typeof values.at === 'string' ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) throw new Error(`--at ${String(values.at)} is not a date`);
  return {
    out: typeof values.out === 'string' ? values.out : defaultOut,
    now: at,
    // Links such as the privacy notice are shown as the bot would send them.
    linkBase: process.env.PUBLIC_URL ?? 'http://localhost:3978',
    positionals,
    values,
  };
}

/** Writes a review file, making its folder first (`--out /tmp/review/book.html`). */
export function writeOut(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
