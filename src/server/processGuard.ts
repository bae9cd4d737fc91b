import type { Log } from '../observability/log.js';
import { describeError } from './describeError.js';

/**
 * The last line of defence: an error that escaped every handler is logged (its class and
 * code only) and the process keeps serving, so one bad request can never take Waymark away
 * from everyone else. Every such log line is a bug to fix; nothing is swallowed silently.
 *
 * Returns a function that removes the guard (for tests).
 */
export function installProcessGuard(log: Log, target: NodeJS.EventEmitter = process): () => void {
  const onException = (error: unknown) =>
    log('uncaught-exception', { ...describeError(error), kept: 'serving' });
  const onRejection = (reason: unknown) =>
    log('unhandled-rejection', { ...describeError(reason), kept: 'serving' });
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
