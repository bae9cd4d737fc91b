import { execFileSync } from 'node:child_process';
import { loadContent, type Content, type ReadContentFile } from '../content/loadContent.js';

/**
 * Reads dialogs/ and content/ as they were at a git ref (a commit, tag or branch), with
 * `git show REF:PATH`, so nothing in the working tree changes. They are loaded with today's
 * schemas and run with today's engine: a ref from before a schema change may not load, and
 * then the error names the file.
 */
export function readAtRef(ref: string, root = process.cwd()): ReadContentFile {
  if (!/^[\w./~^@{}-]+$/.test(ref) || ref.startsWith('-')) {
    throw new Error(`"${ref}" is not a git ref`);
  }
  return (path) =>
    execFileSync('git', ['show', `${ref}:${path}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
}

/** The content as it was at a git ref. */
export function contentAtRef(ref: string, root = process.cwd()): Content {
  return loadContent(readAtRef(ref, root));
}
