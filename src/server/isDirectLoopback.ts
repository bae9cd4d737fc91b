import type { IncomingHttpHeaders } from 'node:http';

/**
 * True when a request comes straight from this machine: a loopback peer (127.0.0.0/8, ::1,
 * or either mapped into IPv6) and no proxy headers. Without an app id the Bot Framework
 * endpoint is unauthenticated, so anything else could make the bot post to any serviceUrl.
 */
export function isDirectLoopback(
  remoteAddress: string | undefined,
  headers: IncomingHttpHeaders,
): boolean {
  if (headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined) return false;
  if (!remoteAddress) return false;
  const address = remoteAddress.toLowerCase().replace(/^::ffff:/, '');
  if (address === '::1' || address === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}
