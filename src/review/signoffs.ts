import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';

/** Where the sign-off record lives: beside the content it signs, and committed with it. */
export const SIGNOFF_FILE = 'content/signoffs.yml';

/** One sign-off: who read every path of one content version, and when. */
export const signoffSchema = z.object({
  version: z.string().regex(/^[0-9a-f]{12}$/, 'a content version is 12 hex digits'),
  by: z.string().min(3).describe('Name and role of the person who signed off'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-01'),
  paths: z.number().int().min(0).optional().describe('How many paths the book showed'),
});

export const signoffRecordSchema = z.object({ signoffs: z.array(signoffSchema).default([]) });

export type Signoff = z.infer<typeof signoffSchema>;

/**
 * Reads the sign-off record. It is not part of the content version (signing must not change
 * what was signed). A missing file means nothing is signed; a broken one throws, naming it.
 */
export function readSignoffs(root = process.cwd()): Signoff[] {
  let text: string;
  try {
    text = readFileSync(join(root, SIGNOFF_FILE), 'utf8');
  } catch {
    return [];
  }
  return parseSignoffs(text);
}

/** Parses and validates the text of the sign-off record. */
export function parseSignoffs(text: string): Signoff[] {
  const result = signoffRecordSchema.safeParse(parseYaml(text) ?? {});
  if (!result.success) {
    throw new Error(`${SIGNOFF_FILE} does not match its schema:\n${z.prettifyError(result.error)}`);
  }
  return result.data.signoffs;
}

/** The sign-off of a content version, if it has one (the latest if several). */
export function signoffOf(signoffs: readonly Signoff[], version: string): Signoff | undefined {
  return signoffs.filter((signoff) => signoff.version === version).at(-1);
}

/** The record's text with one more sign-off added at the end, keeping its comments. */
export function addSignoff(text: string, signoff: Signoff): string {
  const entry = [
    `  - version: '${signoff.version}'`,
    `    by: ${JSON.stringify(signoff.by)}`,
    `    date: '${signoff.date}'`,
    ...(signoff.paths === undefined ? [] : [`    paths: ${signoff.paths}`]),
  ].join('\n');
  const base = text.trim() === '' ? HEADER : text.replace(/signoffs:\s*\[\]\s*$/m, 'signoffs:');
  return `${base.trimEnd()}\n${entry}\n`;
}

const HEADER = `# Who signed off which content version (the hash in /healthz and in every signpost).
# Written by \`npm run content:signoff -- --by "Name, role"\`; commit it with the content.
# This file is not part of the content version, so signing does not change what was signed.
signoffs:
`;
