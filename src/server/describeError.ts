import type { LogFields } from '../observability/log.js';

const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_.$-]{0,63}$/;

/**
 * What of an error is safe to log: its class and its code (such as `Z_DATA_ERROR` or
 * `ECONNRESET`), never its message or stack, which may quote what someone typed.
 */
export function describeError(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error };
  const name = [error.constructor?.name, error.name].find(
    (candidate) => typeof candidate === 'string' && SAFE_NAME.test(candidate),
  );
  const code: unknown = (error as { code?: unknown }).code;
  return {
    error: name ?? 'Error',
    code: typeof code === 'string' && SAFE_NAME.test(code) ? code : undefined,
  };
}
