import type { Request, Response, Server } from 'restify';
import type { Settings } from '../../config/settings.js';
import { exchangeAzureToken } from './azureTokenExchange.js';
import { readBody } from './bodyReader.js';
import { StoreFullError } from './conversationStore.js';
import { errorName } from '../../observability/errorName.js';
import type { DirectLineChannel } from './DirectLineChannel.js';
import { DIRECT_LINE_BASE } from './directLineRoutes.js';
import { bearer, sendError, sendJson } from './http.js';
import { TokenAdmission } from './tokenAdmission.js';
import { newUserId } from './userIds.js';

type Handler = (req: Request, res: Response) => Promise<void>;

/** The widget's token endpoint. */
export const WEBCHAT_TOKEN_PATH = '/api/webchat/token';
/** The widget's end-of-chat endpoint, called by navigator.sendBeacon on quick exit. */
export const WEBCHAT_END_PATH = '/api/webchat/end';

/** A token is a few hundred bytes; anything much larger is not one. */
const END_BODY_LIMIT = 8 * 1024;

/**
 * Registers the two endpoints the widget page calls: one that gives it a conversation
 * token (so the Direct Line secret stays on the server), and one that ends the chat.
 */
export function registerWebchatRoutes(
  server: Server,
  channel: DirectLineChannel,
  settings: Settings,
  wrap: (handler: Handler) => Handler,
): void {
  const admit = new TokenAdmission(settings);
  server.post(
    WEBCHAT_TOKEN_PATH,
    wrap(async (req, res) => {
      const admission = await admit.check(req);
      if (!admission.allowed) {
        channel.log('webchat-token-refused', { status: admission.status });
        const headers: Record<string, string> = admission.retryAfterSeconds
          ? { 'Retry-After': String(admission.retryAfterSeconds) }
          : {};
        return sendError(res, admission.status, admission.code, admission.message, headers);
      }
      if (settings.DIRECT_LINE_MODE === 'azure') {
        try {
          const azure = await exchangeAzureToken(
            settings.AZURE_DIRECT_LINE_ENDPOINT,
            settings.AZURE_DIRECT_LINE_SECRET ?? '',
          );
          const domain = settings.AZURE_DIRECT_LINE_ENDPOINT.replace(/\/+$/, '');
          return sendJson(res, 200, { ...azure, domain, mode: 'azure' });
        } catch (error) {
          channel.log('webchat-azure-token-failed', { error: errorName(error) });
          return sendError(res, 502, 'BadGateway', 'Could not get a chat token; try again.');
        }
      }
      try {
        // The user id is left to Web Chat, which sends its own when it starts the chat.
        // Browser chats may fill only part of the store, so secret holders always get in.
        const conversation = channel.store.create(newUserId(), undefined, 'browser');
        await channel.save(conversation);
        const issued = channel.tokens.issue(conversation.id);
        const domain = `${publicBase(req, settings)}${DIRECT_LINE_BASE}`;
        sendJson(res, 200, {
          conversationId: conversation.id,
          ...issued,
          domain,
          mode: 'self-hosted',
        });
      } catch (error) {
        if (!(error instanceof StoreFullError)) throw error;
        sendError(res, 503, 'ServiceUnavailable', 'Too busy; try again.', { 'Retry-After': '30' });
      }
    }),
  );

  server.post(
    WEBCHAT_END_PATH,
    wrap(async (req, res) => {
      // A beacon cannot set headers, so the token comes as the text/plain body.
      const body = await readBody(req, {
        maxBytes: END_BODY_LIMIT,
        drainBytes: END_BODY_LIMIT,
        prefixChars: 0,
      });
      const token = body.kind === 'ok' ? tokenFromBody(body.text) : undefined;
      const credential = channel.tokens.check(token ?? bearer(req));
      // An expired token still ends its own conversation: ending is all it can do.
      if (credential.kind !== 'token' && credential.kind !== 'expired') {
        return sendError(res, 400, 'BadArgument', 'No valid token.');
      }
      // In Azure mode the conversation lives at Azure; the bot's own exit handling forgets it.
      await channel.end(credential.claims.conv);
      channel.log('webchat-ended');
      sendJson(res, 204);
    }),
  );
}

/** The token in a beacon body: the bare token, or `{"token": "…"}` from a JSON-minded page. */
function tokenFromBody(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const token: unknown = (JSON.parse(trimmed) as { token?: unknown }).token;
      return typeof token === 'string' ? token : undefined;
    } catch {
      return undefined;
    }
  }
  return trimmed.length > 0 && trimmed.length <= 4096 ? trimmed : undefined;
}

/** The public origin of this server: PUBLIC_URL, or what the request says it reached. */
export function publicBase(req: Request, settings: Settings): string {
  if (settings.PUBLIC_URL) return settings.PUBLIC_URL.replace(/\/+$/, '');
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proto =
    forwarded === 'https' || forwarded === 'http' ? forwarded : encrypted ? 'https' : 'http';
  const host = /^[A-Za-z0-9.\-:[\]]+$/.test(req.headers.host ?? '')
    ? req.headers.host
    : 'localhost';
  return `${proto}://${host}`;
}
