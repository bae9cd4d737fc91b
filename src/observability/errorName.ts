import { safeName, type SafeName } from './logFields.js';

/**
 * The class of an error, safe to log: never its message or stack, which may quote what
 * someone typed. A value that is not an Error is logged by its type ("string").
 */
export function errorName(error: unknown): SafeName {
  if (!(error instanceof Error)) return safeName(typeof error);
  const name = [error.constructor?.name, error.name].find(
    (candidate) => typeof candidate === 'string' && safeName(candidate) !== 'invalid',
  );
  return safeName(name ?? 'Error');
}

/** An error's code (ECONNRESET, Z_DATA_ERROR…) when it has a safe one. */
export function errorCode(error: unknown): SafeName | undefined {
  const code: unknown = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  const name = safeName(code);
  return name === 'invalid' ? undefined : name;
}
