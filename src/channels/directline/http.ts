import type { Request, Response } from 'restify';

/** Request headers a Web Chat client sends cross-origin; all must be allowed in CORS. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, x-ms-bot-agent, X-Requested-With';

/**
 * Sets the headers every channel and widget response carries: `Cache-Control: no-store`
 * (nothing about a conversation may stay in a shared or browser cache) and, for the
 * charity's own origins only, CORS.
 */
export function applyCommonHeaders(req: Request, res: Response, allowedOrigins: string[]): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const origin = req.headers.origin;
  // Vary on Origin whatever the answer, so a cache never serves one site's CORS to another.
  res.setHeader('Vary', 'Origin');
  if (origin && allowedOrigins.includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    res.setHeader('Access-Control-Max-Age', '600');
  }
}

/** Answers with a JSON body (or none), without restify's formatters. */
export function sendJson(
  res: Response,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  if (body !== undefined) return sendJsonText(res, status, JSON.stringify(body), headers);
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status);
  res.end();
}

/** Answers with a body that is JSON text already (a poll's answer, joined from the queue). */
export function sendJsonText(
  res: Response,
  status: number,
  json: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.writeHead(status);
  res.end(json);
}

/** Answers with a Direct Line style error: `{ error: { code, message } }`. */
export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

/** The bearer value of the Authorization header, if there is a plausible one. */
export function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || header.length > 4096) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** A query parameter, read without restify's queryParser (which other routes may not use). */
export function queryParam(req: Request, name: string): string | undefined {
  const url = req.url ?? '';
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  return new URLSearchParams(url.slice(start + 1)).get(name) ?? undefined;
}

/** A path parameter, decoded by restify; undefined unless it is a plain short id. */
export function pathId(req: Request, name: string): string | undefined {
  const value: unknown = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined;
}

/** Parses JSON, or gives undefined for anything malformed. An empty body is `{}`. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Wraps a route handler so that no failure escapes to restify or the process: any error is
 * answered 500 (if nothing was sent yet) and logged by name only.
 */
export function safeHandler(
  handler: (req: Request, res: Response) => Promise<void>,
  onError: (error: unknown) => void,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      onError(error);
      sendError(res, 500, 'ServerError', 'Something went wrong on the server.');
    }
  };
}
