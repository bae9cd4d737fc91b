import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const gzip = promisify(gzipCallback);

/**
 * A file served from memory: one copy as is and one gzipped, both made once at start-up.
 * Every response writes a reference to the same Buffer, so a thousand slow or never-reading
 * clients share one copy instead of each pinning their own; the server's idle timeout then
 * closes the ones that never read.
 */
export interface StaticAsset {
  raw: Buffer;
  gzipped: Buffer;
  /** The first 16 hex digits of the SHA-256 of `raw`: for hashed URLs and the ETag. */
  hash: string;
  headers: Record<string, string>;
}

/** Prepares an asset. Compression runs on libuv's thread pool, not the event loop. */
export async function prepareAsset(
  raw: Buffer,
  headers: Record<string, string>,
): Promise<StaticAsset> {
  const gzipped = await gzip(raw, { level: 9 });
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  return { raw, gzipped, hash, headers };
}

/**
 * Sends an asset: gzipped when the client accepts gzip, 304 when its ETag still matches,
 * and no body for HEAD. `extra` headers (such as Cache-Control) override the asset's own.
 */
export function sendAsset(
  req: IncomingMessage,
  res: ServerResponse,
  asset: StaticAsset,
  extra: Record<string, string> = {},
): void {
  const compressed = acceptsGzip(req.headers['accept-encoding']);
  const body = compressed ? asset.gzipped : asset.raw;
  const etag = `"${asset.hash}${compressed ? '-gz' : ''}"`;
  const headers: Record<string, string> = {
    ...asset.headers,
    ...extra,
    ETag: etag,
    Vary: 'Accept-Encoding',
  };
  if (compressed) headers['Content-Encoding'] = 'gzip';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

/** True when Accept-Encoding lists gzip (or *) without q=0. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip' && coding?.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
