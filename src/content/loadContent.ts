import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml, YAMLException } from 'js-yaml';
import { z } from 'zod';
import {
  contentFiles,
  dialogFiles,
  dialogSchema,
  type ContentData,
  type ContentKey,
} from './contentFiles.js';
import type { Dialog } from './schema/dialogSchema.js';

/** Validated content, plus the version hash that ties a running bot to what was signed off. */
export interface Content extends ContentData {
  /** The first 12 hex digits of a SHA-256 over every content file, in a fixed order. */
  version: string;
}

/** A content file that could not be read, parsed or validated. The message names the file. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ContentError';
  }
}

/** Reads a content file's text. Tests pass their own to try broken files. */
export type ReadContentFile = (relativePath: string) => string;

/** Reads files from the project root (the working directory by default). */
export function readFromDisk(root = process.cwd()): ReadContentFile {
  return (relativePath) => readFileSync(join(root, relativePath), 'utf8');
}

/**
 * Loads, parses and validates every file in dialogs/ and content/. Throws a
 * {@link ContentError} naming the file, the path inside it and what is wrong.
 */
export function loadContent(read: ReadContentFile = readFromDisk()): Content {
  const hash = createHash('sha256');
  const readText = (path: string) => {
    let text: string;
    try {
      text = read(path);
    } catch (error) {
      throw new ContentError(path, `cannot be read (${(error as Error).message})`);
    }
    hash.update(path).update('\0').update(text).update('\0');
    return text;
  };
  // Dialogs first, then the other files: the order fixes the content version hash.
  const dialogs: Dialog[] = [];
  for (const path of dialogFiles) {
    const dialog = parseAndValidate(path, readText(path), dialogSchema) as Dialog;
    if (`dialogs/${dialog.id}.yml` !== path) {
      throw new ContentError(path, `has id "${dialog.id}"; a dialog's id must be its file name`);
    }
    dialogs.push(dialog);
  }
  const data: Partial<Record<ContentKey, unknown>> = {};
  for (const [key, { path, schema }] of Object.entries(contentFiles)) {
    data[key as ContentKey] = parseAndValidate(path, readText(path), schema);
  }
  return {
    ...(data as Omit<ContentData, 'dialogs'>),
    dialogs,
    version: hash.digest('hex').slice(0, 12),
  };
}

function parseAndValidate(path: string, text: string, schema: z.ZodType): unknown {
  let data: unknown;
  try {
    // js-yaml: about ten times faster than the alternatives here, which keeps start-up quick.
    data = parseYaml(text, { filename: path });
  } catch (error) {
    const reason = error instanceof YAMLException ? error.message : String(error);
    throw new ContentError(path, `is not valid YAML: ${reason}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new ContentError(path, `does not match its schema:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
