import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError, loadContent, readFromDisk, type ValidatedContent } from './loadContent.js';
import type { ContentData } from './contentFiles.js';

/**
 * Where `npm run build` leaves the validated content: beside the compiled code (dist/), so
 * that it always comes from the same build as the schemas that validated it.
 */
export const VALIDATED_CONTENT_FILE = path.join(__dirname, '..', 'content.validated.json');

interface Stored {
  /** SHA-256 of the content files' text, as loadContent hashes it. */
  contentHash: string;
  /** SHA-256 of this folder's code (the loader and the schemas) that validated it. */
  codeHash: string;
  data: ContentData;
}

/**
 * The loader's own code: if the schemas change and the build has not been run again, the
 * stored content is not used.
 */
function codeHash(): string {
  const hash = createHash('sha256');
  for (const dir of [__dirname, path.join(__dirname, 'schema')]) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(js|ts)$/.test(name) || name.endsWith('.d.ts')) continue;
      hash
        .update(name)
        .update('\0')
        .update(readFileSync(path.join(dir, name)))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

/**
 * The content validated at build time, used only when the files' text and the validating
 * code are exactly what was validated; otherwise (or if the file is missing or unreadable)
 * start-up validates everything itself, with the same readable errors.
 */
export function readValidatedContent(file = VALIDATED_CONTENT_FILE): ValidatedContent {
  return {
    lookup(contentHash) {
      let stored: Stored;
      try {
        stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
      } catch {
        return undefined;
      }
      if (stored.contentHash !== contentHash || stored.codeHash !== codeHash()) return undefined;
      return stored.data;
    },
  };
}

/**
 * Validates the content in `root` and stores it for start-up. Content that does not
 * validate is not stored (and any older copy is removed), so that start-up reports it.
 */
export function writeValidatedContent(root = process.cwd(), file = VALIDATED_CONTENT_FILE): void {
  let contentHash = '';
  const content = loadContent(readFromDisk(root), {
    lookup(hash) {
      contentHash = hash;
      return undefined;
    },
  });
  const data: Partial<typeof content> = { ...content };
  delete data.version;
  const stored: Stored = { contentHash, codeHash: codeHash(), data: data as ContentData };
  writeFileSync(file, JSON.stringify(stored));
}

if (require.main === module) {
  try {
    writeValidatedContent();
  } catch (error) {
    rmSync(VALIDATED_CONTENT_FILE, { force: true });
    // npm start reports the same error, naming the file, when it validates at start-up.
    if (!(error instanceof ContentError)) throw error;
    process.stderr.write(`Content not stored for start-up: ${error.message.split('\n')[0]}\n`);
  }
}
