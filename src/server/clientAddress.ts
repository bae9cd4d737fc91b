import type { IncomingMessage } from 'node:http';

/**
 * The address of the client behind a request, for per-client limits. It is the socket's
 * peer, unless that peer is one of `trustedProxies`: then it is the nearest address in
 * `X-Forwarded-For` that is not a trusted proxy (each proxy appends the address it saw, so
 * addresses to the left of it could have been written by anyone).
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = normalise(req.socket.remoteAddress ?? '');
  if (!trustedProxies.some((proxy) => normalise(proxy) === peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => normalise(hop.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] ?? '';
    if (!trustedProxies.some((proxy) => normalise(proxy) === hop)) return hop;
  }
  return peer;
}

function normalise(address: string): string {
  return address.toLowerCase().replace(/^::ffff:/, '');
}
