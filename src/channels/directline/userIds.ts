import { randomBytes } from 'node:crypto';

/**
 * User ids on this channel. Direct Line reserves the `dl_` prefix for ids embedded in a
 * token by the server, and Web Chat refuses to send them, so we never make or accept one.
 */
const USER_ID = /^[A-Za-z0-9_\-.:@|]{1,64}$/;

/** The client's proposed user id if it is acceptable, else undefined. */
export function acceptableUserId(value: unknown): string | undefined {
  if (typeof value !== 'string' || !USER_ID.test(value)) return undefined;
  return value.toLowerCase().startsWith('dl_') ? undefined : value;
}

/** A fresh random user id, for a client that did not propose one. */
export function newUserId(): string {
  return `wm-${randomBytes(9).toString('base64url')}`;
}

/** Reads `{ user: { id }, locale }` from a conversation or token request body. */
export function readStartBody(body: unknown): { userId?: string; locale?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { user, locale } = body as { user?: { id?: unknown }; locale?: unknown };
  const userId = acceptableUserId(typeof user === 'object' && user !== null ? user.id : undefined);
  const result: { userId?: string; locale?: string } = {};
  if (userId) result.userId = userId;
  if (typeof locale === 'string' && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}$/.test(locale)) {
    result.locale = locale;
  }
  return result;
}
