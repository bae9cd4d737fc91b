import type { DirectLine } from './webChatTypes.js';

/** The internals of botframework-directlinejs that the widget tunes (0.15.x, in Web Chat 4.18). */
interface DirectLineInternals {
  timeout?: number;
  retries?: number;
  services?: { WebSocket?: unknown; random?: () => number };
}

/** How botframework-directlinejs sizes its retries: half a token's 30-minute lifetime. */
const RETRY_SPAN_MS = 15 * 60 * 1000;

/**
 * Web Chat's `createDirectLine` passes on only some options, and not the ones that decide
 * how quickly a dropped stream comes back: the `WebSocket` and `random` services and the
 * `timeout`. They are set on the new connection before Web Chat starts it, which is when
 * botframework-directlinejs first reads them. If a later version renames them, nothing
 * breaks: it reconnects on its own slower schedule, and the notice is driven by the browser's
 * online and offline events.
 */
export function tuneDirectLine(
  directLine: DirectLine,
  tuning: { WebSocket: typeof WebSocket; random: () => number; timeoutMs: number },
): boolean {
  const internals = directLine as unknown as DirectLineInternals;
  if (!internals.services || typeof internals.timeout !== 'number') return false;
  internals.services.WebSocket = tuning.WebSocket;
  internals.services.random = tuning.random;
  internals.timeout = tuning.timeoutMs;
  internals.retries = RETRY_SPAN_MS / tuning.timeoutMs;
  return true;
}
