import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** Where the code that reads messages for the semantic layer lives. */
export const UNDERSTANDING = 'src/understanding';
/** The detector: the modules it runs (transitively) read messages into features and train. */
const ENTRY = 'detectUrgency.ts';
/** Holds the hash itself, so it is left out. */
const HASH_FILE = 'featureCodeHash.ts';
/** The packages whose version changes how words are read (lemmas, parts of speech). */
const PACKAGES = ['wink-nlp', 'wink-eng-lite-web-model'];

/** A module compiled to plain JavaScript, without types or comments. */
function compiled(source: string): string {
  return ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      removeComments: true,
    },
  }).outputText;
}

/**
 * The hash FEATURE_CODE_HASH must hold: the compiled code of every module of
 * src/understanding that the detector requires at run time (type-only imports vanish when
 * compiled, so they do not count), in name order, and the word-reading packages' versions.
 * `read` gives a module's source by file name (the real files by default).
 */
export function featureCodeHash(
  read: (file: string) => string = (file) => readFileSync(join(UNDERSTANDING, file), 'utf8'),
): { hash: string; files: string[] } {
  const code = new Map<string, string>();
  const pending = [ENTRY];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (code.has(file) || file === HASH_FILE) continue;
    const js = compiled(read(file));
    code.set(file, js);
    for (const [, name] of js.matchAll(/require\("\.\/([A-Za-z0-9_-]+)\.js"\)/g)) {
      pending.push(`${name}.ts`);
    }
  }
  const files = [...code.keys()].sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(code.get(file) ?? '')
      .update('\0');
  for (const name of PACKAGES) {
    const { version } = JSON.parse(
      readFileSync(join('node_modules', name, 'package.json'), 'utf8'),
    ) as { version: string };
    hash.update(`${name}@${version}\0`);
  }
  return { hash: hash.digest('hex').slice(0, 16), files };
}
