import type { Request } from 'restify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Settings } from '../../config/settings.js';
import { clientAddress } from '../../server/clientAddress.js';

/** Whether a browser may have a new conversation token, and if not, how to say so. */
export type Admission =
  | { allowed: true }
  | {
      allowed: false;
      status: 403 | 429;
      code: string;
      message: string;
      retryAfterSeconds?: number;
    };

/**
 * Guards `POST /api/webchat/token`, which opens a conversation for anyone who asks: only
 * the charity's sites (ALLOWED_ORIGINS) and this bot's own pages may ask from a browser,
 * and each client may open at most WEBCHAT_TOKENS_PER_MINUTE conversations a minute.
 * Without this, any web page could fill the conversation store through its visitors'
 * browsers (a cross-origin text/plain POST needs no preflight).
 *
 * Server-side callers holding the Direct Line secret do not come through here, so a flood
 * of browser requests never throttles them.
 */
export class TokenAdmission {
  private readonly limiter: RateLimiterMemory;

  constructor(private readonly settings: Settings) {
    this.limiter = new RateLimiterMemory({
      keyPrefix: 'webchat-token',
      points: settings.WEBCHAT_TOKENS_PER_MINUTE,
      duration: 60,
    });
  }

  async check(req: Request): Promise<Admission> {
    if (!this.originAllowed(req)) {
      return {
        allowed: false,
        status: 403,
        code: 'Forbidden',
        message: 'This site may not start a chat here.',
      };
    }
    try {
      await this.limiter.consume(clientAddress(req, this.settings.TRUSTED_PROXIES));
      return { allowed: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return {
        allowed: false,
        status: 429,
        code: 'TooManyRequests',
        message: 'Too many new chats; try again shortly.',
        retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
      };
    }
  }

  /**
   * A request with no Origin is not from a web page, so it cannot be driven through a
   * visitor's browser. One with an Origin must be one of ALLOWED_ORIGINS or the bot's own:
   * PUBLIC_URL's origin, or (with no PUBLIC_URL) an origin whose host is the request's Host.
   */
  private originAllowed(req: Request): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (this.settings.ALLOWED_ORIGINS.includes(origin)) return true;
    if (this.settings.PUBLIC_URL) return new URL(this.settings.PUBLIC_URL).origin === origin;
    if (!URL.canParse(origin)) return false;
    const host = req.headers.host;
    return typeof host === 'string' && new URL(origin).host === host.toLowerCase();
  }
}
