import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Settings } from '../../config/settings.js';

/** Answers a WebSocket upgrade with a plain HTTP error and closes the connection. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\nCache-Control: no-store\r\n\r\n`,
    );
  }
  socket.destroy();
}

/**
 * Whether a WebSocket upgrade's Origin may open a stream: one of ALLOWED_ORIGINS, this
 * host's own pages (the demo page, same origin), or PUBLIC_URL's origin. A request without
 * an Origin is not from a browser page, and its ticket alone decides.
 */
export function streamOriginAllowed(req: IncomingMessage, settings: Settings): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (settings.ALLOWED_ORIGINS.includes(origin)) return true;
  try {
    const parsed = new URL(origin);
    if (settings.PUBLIC_URL && parsed.origin === new URL(settings.PUBLIC_URL).origin) return true;
    return parsed.host === req.headers.host;
  } catch {
    return false;
  }
}
