import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'restify';
import type { Registry } from 'prom-client';

/**
 * Serves `GET /metrics` in Prometheus text format, only to a caller that sends
 * `Authorization: Bearer <METRICS_TOKEN>`. With no token set the route is not registered at
 * all, so the figures are absent rather than open.
 */
export function registerMetricsRoute(
  server: Server,
  registry: Registry,
  token: string | undefined,
) {
  if (!token) return;
  const expected = digest(token);
  server.get('/metrics', async (req, res) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    // Compare digests, so the check takes the same time whatever was sent.
    if (!timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.setHeader('Cache-Control', 'no-store');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const body = await registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.sendRaw(200, body, { 'Content-Type': registry.contentType });
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
