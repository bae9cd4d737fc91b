import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a verified Direct Line token says. */
export interface TokenClaims {
  /** The one conversation this token may read and post to. */
  conv: string;
  /** A user id bound by the server when the token was made, if any. */
  user?: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

/** A freshly issued token, shaped as Direct Line answers it. */
export interface IssuedToken {
  token: string;
  /** Seconds until the token expires. */
  expires_in: number;
}

/** The outcome of checking a bearer credential. */
export type Credential =
  | { kind: 'secret' }
  | { kind: 'token'; claims: TokenClaims }
  | { kind: 'expired'; claims: TokenClaims }
  | { kind: 'invalid' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Verified tokens remembered, so a polling client does not cost an HMAC every second. */
const MAX_REMEMBERED = 10_000;

/**
 * Issues and checks the per-conversation tokens of the self-hosted channel.
 *
 * Tokens are HS256 JWTs, like Azure's, because botframework-directlinejs decodes the token to
 * find a `user` claim. They are stateless: the signature and expiry are checked here, and the
 * caller then checks that the conversation still exists, so deleting a conversation is enough
 * to make its tokens useless.
 */
export class TokenService {
  private readonly key: Buffer;
  private readonly secretDigest: Buffer;
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    secret: string,
    private readonly lifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    // A key derived for this one purpose, so a token never reveals anything usable elsewhere.
    this.key = createHmac('sha256', secret).update('waymark/directline/token/v1').digest();
    this.secretDigest = digest(secret);
  }

  /** Makes a token for `conversationId`, valid for the configured lifetime from now. */
  issue(conversationId: string, userId?: string): IssuedToken {
    const exp = Math.floor(this.now() / 1000) + this.lifetimeSeconds;
    const claims: TokenClaims & { iat: number; jti: string } = {
      conv: conversationId,
      exp,
      iat: exp - this.lifetimeSeconds,
      // A nonce, so two tokens issued in the same second still differ.
      jti: randomBytes(9).toString('base64url'),
    };
    if (userId !== undefined) claims.user = userId;
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expires_in: this.lifetimeSeconds };
  }

  /** Classifies a bearer value: the channel secret, a valid or expired token, or neither. */
  check(bearer: string | undefined): Credential {
    if (!bearer) return { kind: 'invalid' };
    const known = this.verified.get(bearer);
    if (known) return this.withExpiry(known);
    // Compare digests, so the comparison is constant-time whatever the lengths.
    if (timingSafeEqual(digest(bearer), this.secretDigest)) return { kind: 'secret' };
    const claims = this.verify(bearer);
    if (!claims) return { kind: 'invalid' };
    // Only signed tokens are remembered, and the whole memory is dropped when full.
    if (this.verified.size >= MAX_REMEMBERED) this.verified.clear();
    this.verified.set(bearer, claims);
    return this.withExpiry(claims);
  }

  private withExpiry(claims: TokenClaims): Credential {
    return claims.exp * 1000 <= this.now()
      ? { kind: 'expired', claims }
      : { kind: 'token', claims };
  }

  private verify(token: string): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return isClaims(claims) ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.conv === 'string' &&
    typeof claims.exp === 'number' &&
    (claims.user === undefined || typeof claims.user === 'string')
  );
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
