import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Checks an Authorization header against the admin token, in constant time: as
 * `Bearer <token>`, or as HTTP Basic with the token as the password (any user name), so a
 * safeguarding lead can open /admin in a browser and type it into the browser's prompt.
 */
export function createAdminCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization = '') => {
    let given = '';
    if (authorization.startsWith('Bearer ')) given = authorization.slice(7);
    else if (authorization.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      // "user:password" (RFC 7617); without the colon it is malformed and refused.
      const colon = decoded.indexOf(':');
      given = colon < 0 ? '' : decoded.slice(colon + 1);
    }
    // Digests have one length, so the comparison takes the same time whatever was sent.
    return timingSafeEqual(digest(given), expected) && given.length > 0;
  };
}
