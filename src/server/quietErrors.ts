import type { Server } from 'restify';
import type { Log } from '../observability/log.js';
import { describeError } from './describeError.js';

/** The only words an error response ever says: fixed, and never taken from the request. */
const MESSAGES: Record<number, string> = {
  400: 'Bad request.',
  404: 'Not found.',
  405: 'Method not allowed.',
  406: 'Not acceptable.',
  413: 'Too large.',
  415: 'Unsupported media type.',
  500: 'Something went wrong on the server.',
};

/**
 * Makes restify's own error responses (unknown routes, methods it does not serve, and any
 * error a handler lets escape) say a fixed sentence. Restify's defaults repeat the request
 * path or the error's message, which can hold what someone typed. 5xx are logged by class.
 */
export function quietRestifyErrors(server: Server, log: Log): void {
  server.on('restifyError', (req, res, error: unknown, callback: () => void) => {
    if (error instanceof Error) {
      const raw = (error as { statusCode?: unknown }).statusCode;
      const status = typeof raw === 'number' && raw >= 400 && raw <= 599 ? raw : 500;
      if (status >= 500) log('http-error', { status, ...describeError(error) });
      const message = MESSAGES[status] ?? (status >= 500 ? MESSAGES[500] : MESSAGES[400]);
      const body = { error: message };
      Object.assign(error, {
        statusCode: status,
        body,
        toJSON: () => body,
        toString: () => message ?? '',
      });
    } else {
      log('http-error', { status: 500, ...describeError(error) });
    }
    return callback();
  });
}
