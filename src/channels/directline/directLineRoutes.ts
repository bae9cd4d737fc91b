import type { Request, Response, Server } from 'restify';
import { parsePostedActivity } from './activities.js';
import { readBody } from './bodyReader.js';
import type { Conversation } from './conversation.js';
import { StoreFullError } from './conversationStore.js';
import { errorName } from '../../observability/errorName.js';
import type { DirectLineChannel } from './DirectLineChannel.js';
import {
  bearer,
  parseJson,
  pathId,
  queryParam,
  sendError,
  sendJson,
  sendJsonText,
} from './http.js';
import type { DirectLineLimits } from './limits.js';
import type { Credential } from './tokens.js';
import type { LogEvent, LogFields } from '../../observability/log.js';
import { newUserId, readStartBody } from './userIds.js';

/** Where the channel is served; Web Chat is given this as its `domain`. */
export const DIRECT_LINE_BASE = '/v3/directline';

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * Registers the Direct Line v3 REST routes. Every route checks its credential before it
 * looks at the conversation, so a stranger learns nothing about which conversations exist.
 * `wrap` adds the common headers and error safety net. With `streamUrl`, starting and
 * reconnecting (`GET /conversations/:id?watermark=`) also give a WebSocket `streamUrl`.
 */
export function registerDirectLineRoutes(
  server: Server,
  channel: DirectLineChannel,
  limits: DirectLineLimits,
  wrap: (handler: Handler) => Handler,
  streamUrl?: (req: Request, conversationId: string, watermark: string | undefined) => string,
): void {
  const bodyLimits = {
    maxBytes: limits.maxBodyBytes,
    drainBytes: limits.drainBodyBytes,
    prefixChars: limits.oversizeTextChars,
  };

  /** Checks the bearer credential, answering 403 itself when it is not good enough. */
  const authorize = (req: Request, res: Response, conversationId?: string) => {
    const credential = channel.tokens.check(bearer(req));
    if (credential.kind === 'secret') return credential;
    if (
      credential.kind === 'token' &&
      (!conversationId || credential.claims.conv === conversationId)
    ) {
      return credential;
    }
    const expired = credential.kind === 'expired';
    sendError(
      res,
      403,
      expired ? 'TokenExpired' : 'Forbidden',
      expired ? 'Token expired.' : 'Not allowed.',
    );
    return undefined;
  };

  /** Looks a conversation up after authorization, answering 404 when it does not exist. */
  const find = async (res: Response, id: string | undefined): Promise<Conversation | undefined> => {
    const conversation = id ? await channel.store.find(id) : undefined;
    if (!conversation) sendError(res, 404, 'NotFound', 'Conversation not found.');
    else conversation.touch(Date.now());
    return conversation;
  };

  /** Reads a small JSON body; answers 413/400 itself and gives undefined when it is bad. */
  const readJson = async (req: Request, res: Response): Promise<unknown> => {
    const body = await readBody(req, bodyLimits);
    if (body.kind === 'too-large') return sendError(res, 413, 'TooLarge', 'Body too large.');
    const parsed = body.kind === 'ok' ? parseJson(body.text) : { ok: false as const };
    if (!parsed.ok) return sendError(res, 400, 'BadArgument', 'Malformed JSON.');
    return parsed.value;
  };

  const conversationInfo = (conversation: Conversation, credential: Credential) => {
    const user = credential.kind === 'token' ? credential.claims.user : undefined;
    return { conversationId: conversation.id, ...channel.tokens.issue(conversation.id, user) };
  };
  /** Start and reconnect answers: the token, and a stream URL resuming after the watermark. */
  const streamInfo = (req: Request, conversation: Conversation, credential: Credential) => {
    const info = conversationInfo(conversation, credential);
    if (!streamUrl) return info;
    return { ...info, streamUrl: streamUrl(req, conversation.id, queryParam(req, 'watermark')) };
  };

  const storeFull = (res: Response, error: unknown) => {
    if (!(error instanceof StoreFullError)) throw error;
    sendError(res, 503, 'ServiceUnavailable', 'Too busy; try again shortly.', {
      'Retry-After': '30',
    });
  };

  server.post(
    `${DIRECT_LINE_BASE}/tokens/generate`,
    wrap(async (req, res) => {
      const credential = authorize(req, res);
      if (!credential) return;
      if (credential.kind !== 'secret')
        return sendError(res, 403, 'Forbidden', 'Needs the secret.');
      const body = await readJson(req, res);
      if (body === undefined) return;
      const { userId, locale } = readStartBody(body);
      try {
        const conversation = channel.store.create(userId ?? newUserId(), locale);
        conversation.userBound = userId !== undefined;
        await channel.save(conversation);
        sendJson(res, 200, {
          conversationId: conversation.id,
          ...channel.tokens.issue(conversation.id, userId),
        });
      } catch (error) {
        storeFull(res, error);
      }
    }),
  );

  server.post(
    `${DIRECT_LINE_BASE}/tokens/refresh`,
    wrap(async (req, res) => {
      const credential = authorize(req, res);
      if (!credential) return;
      if (credential.kind !== 'token')
        return sendError(res, 403, 'Forbidden', 'Refresh needs a token.');
      const conversation = await find(res, credential.claims.conv);
      if (conversation) sendJson(res, 200, conversationInfo(conversation, credential));
    }),
  );

  server.post(
    `${DIRECT_LINE_BASE}/conversations`,
    wrap(async (req, res) => {
      const credential = authorize(req, res);
      if (!credential) return;
      let conversation: Conversation | undefined;
      if (credential.kind === 'token') {
        conversation = await find(res, credential.claims.conv);
        if (!conversation) return;
      }
      const body = await readJson(req, res);
      if (body === undefined) return;
      const { userId, locale } = readStartBody(body);
      try {
        conversation ??= channel.store.create(userId ?? newUserId(), locale);
      } catch (error) {
        return storeFull(res, error);
      }
      if (!conversation.started && !conversation.userBound && userId) conversation.userId = userId;
      if (!conversation.started && locale) conversation.locale = locale;
      await channel.start(conversation).catch((error: unknown) => {
        // The conversation stays open: the person can still type, and the bot may recover.
        channelLog(channel, 'directline-greeting-failed', error);
      });
      sendJson(res, 201, streamInfo(req, conversation, credential));
    }),
  );

  server.get(
    `${DIRECT_LINE_BASE}/conversations/:id`,
    wrap(async (req, res) => {
      const credential = authorize(req, res, pathId(req, 'id') ?? '-');
      const conversation = credential && (await find(res, pathId(req, 'id')));
      if (credential && conversation) sendJson(res, 200, streamInfo(req, conversation, credential));
    }),
  );

  server.get(
    `${DIRECT_LINE_BASE}/conversations/:id/activities`,
    wrap(async (req, res) => {
      const credential = authorize(req, res, pathId(req, 'id') ?? '-');
      const conversation = credential && (await find(res, pathId(req, 'id')));
      if (conversation) sendJsonText(res, 200, conversation.readJson(queryParam(req, 'watermark')));
    }),
  );

  server.post(
    `${DIRECT_LINE_BASE}/conversations/:id/activities`,
    wrap(async (req, res) => {
      const credential = authorize(req, res, pathId(req, 'id') ?? '-');
      const conversation = credential && (await find(res, pathId(req, 'id')));
      if (!conversation) return;
      const body = await readBody(req, bodyLimits);
      if (body.kind === 'too-large') {
        channelLog(channel, 'directline-body-too-large', undefined, { bytes: body.bytes });
        await channel.start(conversation);
        await channel.postOversized(conversation, body.textPrefix);
        const headers: Record<string, string> = body.cutOff ? { Connection: 'close' } : {};
        return sendError(res, 413, 'MessageSizeTooBig', 'Message too large.', headers);
      }
      const parsed = body.kind === 'ok' ? parseJson(body.text) : { ok: false as const };
      if (!parsed.ok) return sendError(res, 400, 'BadArgument', 'Malformed JSON.');
      const posted = parsePostedActivity(parsed.value);
      if (!posted) return sendError(res, 400, 'BadArgument', 'Not an activity.');
      // Someone is using this chat, so it now lives as long as its token.
      if (posted.type === 'message') conversation.messaged = true;
      await channel.start(conversation);
      let outcome: Awaited<ReturnType<typeof channel.post>>;
      try {
        outcome = await channel.post(conversation, posted);
      } catch (error) {
        // As Azure does: the bot failed this turn. The channel and other turns carry on.
        channelLog(channel, 'directline-turn-failed', error);
        return sendError(res, 502, 'BotError', 'The bot could not handle this message.');
      }
      if (outcome.kind === 'accepted') return sendJson(res, 200, { id: outcome.id });
      const retryAfter = String(outcome.retryAfterSeconds);
      sendError(res, 429, 'TooManyRequests', 'Too many messages.', { 'Retry-After': retryAfter });
    }),
  );

  const notFound = wrap(async (_req, res) => sendError(res, 404, 'NotFound', 'Not found.'));
  server.get(`${DIRECT_LINE_BASE}/*`, notFound);
  server.post(`${DIRECT_LINE_BASE}/*`, notFound);
}

function channelLog(
  channel: DirectLineChannel,
  event: LogEvent,
  error?: unknown,
  fields: LogFields = {},
): void {
  channel.log(event, error === undefined ? fields : { ...fields, error: errorName(error) });
}
