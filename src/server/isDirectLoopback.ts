import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers that proxies, load balancers and CDNs add to say who the real client is. A request
 * carrying any of them came through something, so it is never treated as local, whatever
 * its socket's peer.
 */
export const PROXY_HEADERS = [
  'forwarded',
  'x-real-ip',
  'x-client-ip',
  'x-cluster-client-ip',
  'client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
  'x-azure-clientip',
  'x-azure-socketip',
  'x-arr-clientip',
  'via',
] as const;

/** True when the request carries any proxy header (including every `X-Forwarded-*`). */
export function hasProxyHeaders(headers: IncomingHttpHeaders): boolean {
  if (PROXY_HEADERS.some((name) => headers[name] !== undefined)) return true;
  return Object.keys(headers).some(
    (name) => name.startsWith('x-forwarded-') || name.startsWith('x-original-'),
  );
}

/**
 * True when a request comes straight from this machine: a loopback peer (127.0.0.0/8, ::1,
 * or either mapped into IPv6) and no proxy headers. Without an app id the Bot Framework
 * endpoint is unauthenticated, so anything else could make the bot post to any serviceUrl.
 */
export function isDirectLoopback(
  remoteAddress: string | undefined,
  headers: IncomingHttpHeaders,
): boolean {
  if (hasProxyHeaders(headers)) return false;
  if (!remoteAddress) return false;
  const address = remoteAddress.toLowerCase().replace(/^::ffff:/, '');
  if (address === '::1' || address === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}
