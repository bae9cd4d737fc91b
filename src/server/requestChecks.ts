import type { IncomingHttpHeaders } from 'node:http';

/**
 * True when the body is sent as is. Bot Framework and Direct Line clients never compress what
 * they post, so any other `Content-Encoding` is refused before a byte is read: nothing is
 * ever inflated, so a small compressed body can never grow into a large one in memory.
 */
export function isIdentityEncoded(headers: IncomingHttpHeaders): boolean {
  const encoding = headers['content-encoding'];
  if (encoding === undefined) return true;
  return encoding.trim().toLowerCase() === 'identity' || encoding.trim() === '';
}

/**
 * True when the declared content type is JSON (or none is declared, as some local tools do).
 * Anything else is refused, so a form or a file upload is never parsed as an activity.
 */
export function isJsonContentType(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  if (type === undefined || type.trim() === '') return true;
  const essence = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}
