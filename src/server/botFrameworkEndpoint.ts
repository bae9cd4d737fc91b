import type { Request, Response, Server } from 'restify';
import type { BotFrameworkEndpoint } from '../channels/botframework/botFrameworkEndpoint.js';
import { readBody } from '../channels/directline/bodyReader.js';
import { bearer, parseJson, sendJson } from '../channels/directline/http.js';
import type { Log } from '../observability/log.js';
import type { RefusalReason } from '../observability/logFields.js';
import { describeError } from './describeError.js';
import { parseIncomingActivity } from './incomingActivity.js';
import { isDirectLoopback } from './isDirectLoopback.js';
import { isIdentityEncoded, isJsonContentType } from './requestChecks.js';

/** Where Azure Bot Service, Teams and local tools post activities. */
export const BOT_FRAMEWORK_PATH = '/api/messages';

/**
 * Largest activity accepted, in bytes. Bot Framework activities are a few KB; this only
 * stops abuse of the endpoint. Bodies are never decompressed, so this is also the most
 * memory one request can take.
 */
export const MAX_BOT_FRAMEWORK_BODY = 1024 * 1024;

/** What the endpoint needs. */
export interface BotFrameworkEndpointParts {
  /** True when MicrosoftAppId is set, so botbuilder checks every request's token. */
  authenticated: boolean;
  /** CloudAdapter and the bot, behind a botbuilder-free interface; loaded on first use. */
  botFramework: BotFrameworkEndpoint;
  log: Log;
}

/**
 * Registers `POST /api/messages`. Who is asking is checked before a byte of the body is
 * read: without an app id only a direct loopback caller gets in, and with one a request must
 * carry a bearer token. The body is read raw (never inflated) up to
 * {@link MAX_BOT_FRAMEWORK_BODY}, parsed and shape-checked here, and no error body ever
 * repeats the input or an internal message.
 */
export function registerBotFrameworkEndpoint(
  server: Server,
  { authenticated, botFramework, log }: BotFrameworkEndpointParts,
): void {
  const refuse = (res: Response, status: number, message: string, reason: RefusalReason) => {
    log('api-messages-refused', { reason, status });
    // The body is not read; closing the connection means it is never read at all.
    sendJson(res, status, { error: message }, { Connection: 'close' });
  };

  server.post(BOT_FRAMEWORK_PATH, async (req: Request, res: Response) => {
    if (!authenticated && !isDirectLoopback(req.socket.remoteAddress, req.headers)) {
      return refuse(
        res,
        401,
        'Unauthenticated requests are accepted from this machine only.',
        'not-loopback',
      );
    }
    if (authenticated && !bearer(req)) {
      return refuse(res, 401, 'Authorization required.', 'no-token');
    }
    if (!isIdentityEncoded(req.headers)) {
      return refuse(res, 415, 'Compressed bodies are not accepted.', 'content-encoding');
    }
    if (!isJsonContentType(req.headers)) {
      return refuse(res, 415, 'Send the activity as application/json.', 'content-type');
    }
    const body = await readBody(req, {
      maxBytes: MAX_BOT_FRAMEWORK_BODY,
      drainBytes: MAX_BOT_FRAMEWORK_BODY,
      prefixChars: 0,
    });
    if (body.kind === 'too-large') return refuse(res, 413, 'Activity too large.', 'too-large');
    if (body.kind === 'failed') return refuse(res, 400, 'Could not read the body.', 'unreadable');
    const parsed = parseJson(body.text);
    if (!parsed.ok) return refuse(res, 400, 'Malformed JSON.', 'malformed-json');
    const activity = parseIncomingActivity(parsed.value);
    if (!activity) return refuse(res, 400, 'Not an activity.', 'not-an-activity');

    try {
      const invoke = await botFramework.process(req.headers.authorization ?? '', activity);
      sendInvokeResponse(res, invoke);
    } catch (error) {
      const status = statusOf(error);
      log('api-messages-failed', { ...describeError(error), status });
      sendJson(res, status, {
        error: status === 401 ? 'Not authorised.' : 'Something went wrong on the server.',
      });
    }
  });
}

function sendInvokeResponse(
  res: Response,
  invoke: { status: number; body?: unknown } | undefined,
): void {
  const status = invoke && Number.isInteger(invoke.status) ? invoke.status : 200;
  if (invoke?.body === undefined || invoke.body === null) return sendJson(res, status);
  sendJson(res, status, invoke.body);
}

/** 401 for botbuilder's authentication failures (they carry a statusCode), otherwise 500. */
function statusOf(error: unknown): number {
  const code = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return code === 401 || code === 403 ? 401 : 500;
}
