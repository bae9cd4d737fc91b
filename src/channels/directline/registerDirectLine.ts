import type { Request, Response, Server } from 'restify';
import type { Settings } from '../../config/settings.js';
import type { Log } from '../../observability/log.js';
import type { TurnRunner } from '../../turns/TurnRunner.js';
import { ActivityStream, DEFAULT_STREAM_LIMITS, type StreamLimits } from './activityStream.js';
import type { ConversationRecordStore } from './conversationRecords.js';
import { errorName } from '../../observability/errorName.js';
import { DirectLineChannel } from './DirectLineChannel.js';
import { DIRECT_LINE_BASE, registerDirectLineRoutes } from './directLineRoutes.js';
import { applyCommonHeaders, safeHandler, sendJson } from './http.js';
import { resolveLimits, type DirectLineLimits } from './limits.js';
import {
  publicBase,
  registerWebchatRoutes,
  WEBCHAT_END_PATH,
  WEBCHAT_TOKEN_PATH,
} from './webchatRoutes.js';

/** Options for `registerDirectLine`. */
export interface DirectLineOptions {
  /**
   * The turn pipeline; turns run in-process. Its `forget` wipes a conversation's state on
   * quick exit and on expiry, and it answers a failed turn with the fail-safe reply.
   */
  turns: TurnRunner;
  /** Validated settings; `settings.directLineSecret` is the secret in force. */
  settings: Settings;
  /** Structured log. Never given message text, tokens, phone numbers or emails. */
  log?: Log;
  /**
   * Says whether a message contains an emergency phrase, so it bypasses the flood limit.
   * Default: nothing bypasses it. Called on at most the first 8 KB of a message.
   */
  isEmergency?: (text: string) => boolean;
  /**
   * Shared conversation records, so a web chat survives the loss of its instance (set when
   * several instances share a store). Default: conversations live in this process only.
   */
  records?: ConversationRecordStore;
  /** Overrides of the channel's limits, for tests and the bench. */
  limits?: Partial<DirectLineLimits>;
  /** Overrides of the WebSocket stream's limits; `false` serves polling only. */
  stream?: Partial<StreamLimits> | false;
}

/**
 * Serves the self-hosted Direct Line v3 channel at `/v3/directline` (polling, and the
 * WebSocket stream that start and reconnect offer as `streamUrl`), and the
 * widget's `/api/webchat/token` and `/api/webchat/end`, on `server`.
 *
 * Conversations live in this process's memory, so several instances need sticky routing by
 * conversation id. Returns `close()`, which stops the expiry timer and drops every
 * conversation (call it when the server closes).
 */
export function registerDirectLine(server: Server, options: DirectLineOptions): { close(): void } {
  const log = options.log ?? (() => undefined);
  const limits = resolveLimits(options.limits);
  const allowedOrigins = options.settings.ALLOWED_ORIGINS;
  const channel = new DirectLineChannel({
    turns: options.turns,
    settings: options.settings,
    log,
    isEmergency: options.isEmergency ?? (() => false),
    limits,
    ...(options.records ? { records: options.records } : {}),
  });

  const wrap = (handler: (req: Request, res: Response) => Promise<void>) =>
    safeHandler(
      async (req, res) => {
        applyCommonHeaders(req, res, allowedOrigins);
        await handler(req, res);
      },
      (error) => log('directline-request-failed', { error: errorName(error) }),
    );

  // Browsers ask first (preflight) because the channel's requests carry Authorization.
  const preflight = wrap(async (_req, res) => sendJson(res, 204));
  server.opts(`${DIRECT_LINE_BASE}/*`, preflight);
  server.opts(WEBCHAT_TOKEN_PATH, preflight);
  server.opts(WEBCHAT_END_PATH, preflight);

  const stream =
    options.stream === false
      ? undefined
      : new ActivityStream(server, channel, options.settings, {
          ...DEFAULT_STREAM_LIMITS,
          ...options.stream,
        });
  const streamUrl = stream
    ? (req: Request, conversationId: string, watermark: string | undefined) =>
        stream.urlFor(publicBase(req, options.settings), conversationId, watermark)
    : undefined;
  registerDirectLineRoutes(server, channel, limits, wrap, streamUrl);
  registerWebchatRoutes(server, channel, options.settings, wrap);

  return {
    close: () => {
      stream?.close();
      channel.close();
    },
  };
}
