import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

/**
 * Where `npm run build` leaves large files gzipped ahead of time (the Web Chat bundle, about
 * 4 MB, took a fifth of a second of CPU to compress at every start), each named by the hash
 * of the file it was made from.
 */
export const GZIP_DIR = path.join(__dirname, '..', 'gzip');

/** The gzipped copy made by the build for exactly these bytes, if there is one. */
async function storedGzip(raw: Buffer, hash: string, dir: string): Promise<Buffer | undefined> {
  try {
    const gzipped = await readFile(path.join(dir, `${hash}.gz`));
    // A gzip stream ends with the length of what it holds (mod 2^32): a cheap check that the
    // file is whole and is of this content.
    return gzipped.length > 18 && gzipped.readUInt32LE(gzipped.length - 4) === raw.length % 2 ** 32
      ? gzipped
      : undefined;
  } catch {
    return undefined;
  }
}

/** Prepares an asset. Compression runs on libuv's thread pool, not the event loop. */
export async function prepareAsset(
  raw: Buffer,
  headers: Record<string, string>,
  gzipDir = GZIP_DIR,
): Promise<StaticAsset> {
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  const gzipped = (await storedGzip(raw, hash, gzipDir)) ?? (await gzip(raw, { level: 9 }));
  return { raw, gzipped, hash, headers };
}

/** For the build: gzips a file ahead of time into `dir`, as prepareAsset would. */
export async function storeGzip(raw: Buffer, dir = GZIP_DIR): Promise<string> {
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${hash}.gz`);
  await writeFile(file, await gzip(raw, { level: 9 }));
  return file;
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
