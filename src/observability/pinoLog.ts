import { createHmac, randomBytes } from 'node:crypto';
import pino, { type DestinationStream } from 'pino';
import type { Log } from './log.js';
import { knownEvent } from './logEvents.js';

/**
 * Field names that could carry a person's words or contact details. The Log port only takes
 * event names and primitive fields, so none should ever be passed; if one is, pino replaces
 * its value before the line is written.
 */
export const REDACTED_FIELDS = [
  'text',
  'message',
  'body',
  'phone',
  'email',
  'name',
  'address',
  'postcode',
  'user',
  'userId',
  'from',
  'to',
  'token',
  'secret',
  'authorization',
  'conversationId',
  'value',
  'activity',
  '*.text',
  '*.message',
  '*.phone',
  '*.email',
] as const;

/**
 * The Log port on pino: one JSON line per event on stdout (or `destination`), with an ISO
 * time and the level as a word, and the fields above redacted.
 */
export function createPinoLog(destination?: DestinationStream): Log {
  const logger = pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_FIELDS], censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return (event, fields = {}) => {
    const known = knownEvent(event);
    const level = /failed|error|unverified|unknown/.test(known) ? 'warn' : 'info';
    logger[level]({ event: known, ...fields });
  };
}

const processKey = randomBytes(32);

/**
 * A short keyed hash of an id, for the rare log line that must tell conversations apart.
 * The key is random per process, so the hash cannot be reversed or matched across restarts.
 */
export function hashId(id: string): string {
  return createHmac('sha256', processKey).update(id, 'utf8').digest('base64url').slice(0, 12);
}
