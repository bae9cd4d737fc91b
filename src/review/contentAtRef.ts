import { execFileSync } from 'node:child_process';
import {
  loadContent,
  readFromDisk,
  type Content,
  type ReadContentFile,
} from '../content/loadContent.js';

/** The content at a ref, and the files that did not exist there (read as they are now). */
export interface ContentAtRef {
  content: Content;
  /** Files added since the ref: read from the working tree, so they show no change. */
  addedSince: string[];
}

/**
 * Reads dialogs/ and content/ as they were at a git ref (a commit, tag or branch), with
 * `git show REF:PATH`, so nothing in the working tree changes. A file that did not exist at
 * the ref is read as it is now and listed in `addedSince`, so a ref from before a new file
 * still compares. They are loaded with today's schemas and run with today's engine: a ref
 * from before a schema change may not load, and then the error names the file.
 */
export function readAtRef(
  ref: string,
  root = process.cwd(),
): { read: ReadContentFile; addedSince: string[] } {
  if (!/^[\w./~^@{}-]+$/.test(ref) || ref.startsWith('-')) {
    throw new Error(`"${ref}" is not a git ref`);
  }
  const now = readFromDisk(root);
  const addedSince: string[] = [];
  const exists = (path: string) => {
    try {
      execFileSync('git', ['cat-file', '-e', `${ref}:${path}`], { cwd: root, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const read: ReadContentFile = (path) => {
    if (!exists(path)) {
      addedSince.push(path);
      return now(path);
    }
    return execFileSync('git', ['show', `${ref}:${path}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  };
  return { read, addedSince };
}

/** The content as it was at a git ref. */
export function contentAtRef(ref: string, root = process.cwd()): ContentAtRef {
  // The ref itself must exist: otherwise every file would read as "added since".
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      cwd: root,
      stdio: 'ignore',
    });
  } catch {
    throw new Error(`"${ref}" is not a commit, tag or branch in this repository`);
  }
  const { read, addedSince } = readAtRef(ref, root);
  return { content: loadContent(read), addedSince };
}
