import type { LogEvent } from './logEvents.js';
import type { LogFields } from './logFields.js';
import { createPinoLog } from './pinoLog.js';

export type { LogEvent } from './logEvents.js';
export type { LogFields } from './logFields.js';

/**
 * The logger port: one event from a closed list, with fields of closed types only (see
 * {@link LogFields}). There is no call that could put a person's words into a log.
 */
export type Log = (event: LogEvent, fields?: LogFields) => void;

/**
 * The logger: pino (pinoLog.ts), one JSON line per event on stdout, or handed to `write`
 * (tests). Keys that could hold words are redacted there as a second guard.
 */
export function createLog(write?: (line: string) => void): Log {
  return createPinoLog(write ? { write } : undefined);
}

/** A logger that drops everything, for tests and the terminal chat. */
export const silentLog: Log = () => undefined;
