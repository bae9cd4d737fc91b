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
 * Content validated before, by the same schemas, keyed by the SHA-256 of the files' text (as
 * the version hash reads it): `npm run build` writes it (see validatedContent.ts), so start-up
 * parses JSON instead of YAML and zod. Anything else is read and validated as usual.
 */
export interface ValidatedContent {
  lookup(contentHash: string): ContentData | undefined;
}

/**
 * Loads, parses and validates every file in dialogs/ and content/. Throws a
 * {@link ContentError} naming the file, the path inside it and what is wrong.
 */
export function loadContent(
  read: ReadContentFile = readFromDisk(),
  validated?: ValidatedContent,
): Content {
  const paths = [...dialogFiles, ...Object.values(contentFiles).map(({ path }) => path)];
  // Every file is read first, so the hash is known before anything is parsed; a file that
  // cannot be read is reported where it comes, after the files before it are validated.
  const texts = new Map<string, string | ContentError>();
  const hash = createHash('sha256');
  for (const path of paths) {
    try {
      const text = read(path);
      texts.set(path, text);
      hash.update(path).update('\0').update(text).update('\0');
    } catch (error) {
      texts.set(path, new ContentError(path, `cannot be read (${(error as Error).message})`));
    }
  }
  const readable = [...texts.values()].every((text) => typeof text === 'string');
  const contentHash = hash.digest('hex');
  const version = contentHash.slice(0, 12);
  const known = readable ? validated?.lookup(contentHash) : undefined;
  if (known) return { ...known, version };
  return { ...validate((path) => texts.get(path) ?? ''), version };
}

/** Parses and validates every file, in the order that fixes the version hash. */
export function validate(textOf: (path: string) => string | ContentError): ContentData {
  const readText = (path: string) => {
    const text = textOf(path);
    if (text instanceof ContentError) throw text;
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
  return { ...(data as Omit<ContentData, 'dialogs'>), dialogs };
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
