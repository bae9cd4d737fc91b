import { errorCode, errorName } from '../observability/errorName.js';
import type { LogFields } from '../observability/log.js';

/**
 * What of an error is safe to log: its class and its code (such as `Z_DATA_ERROR` or
 * `ECONNRESET`), never its message or stack, which may quote what someone typed.
 */
export function describeError(error: unknown): Pick<LogFields, 'error' | 'code'> {
  return { error: errorName(error), code: errorCode(error) };
}
