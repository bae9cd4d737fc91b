import type { Server } from 'node:http';
import type { Settings } from '../config/settings.js';

/** The server's timeouts, in milliseconds. */
export interface ServerTimeouts {
  /** Time to receive a request's headers. */
  headersMs: number;
  /** Time to receive a whole request, body included. */
  requestMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveMs: number;
  /** A socket with no traffic either way for this long is closed (e.g. a client that never reads). */
  idleMs: number;
}

/** The timeouts in force, from the HTTP_* settings. */
export function timeoutsFrom(settings: Settings): ServerTimeouts {
  const headersMs = settings.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
  return {
    headersMs,
    // Node needs the request timeout to be at least the headers timeout.
    requestMs: Math.max(settings.HTTP_REQUEST_TIMEOUT_SECONDS * 1000, headersMs),
    keepAliveMs: settings.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    idleMs: settings.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
  };
}

/**
 * Applies the timeouts to Node's HTTP server. Node's defaults let a client take five minutes
 * over a request and hold a socket open for ever without reading the response, so a few
 * hundred slow clients could pin the process's memory and sockets.
 */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // With no 'timeout' listener, Node destroys a socket that is idle this long.
  server.timeout = timeouts.idleMs;
}
