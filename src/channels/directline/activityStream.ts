import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import { WebSocket, WebSocketServer } from 'ws';
import type { Settings } from '../../config/settings.js';
import type { Conversation } from './conversation.js';
import { errorName } from '../../observability/errorName.js';
import type { DirectLineChannel } from './DirectLineChannel.js';
import { DIRECT_LINE_BASE } from './directLineRoutes.js';
import { BOT_ACCOUNT, CHANNEL_ID } from './limits.js';
import { refuseUpgrade, streamOriginAllowed } from './streamUpgrade.js';
import { TokenService } from './tokens.js';

/** The limits of the WebSocket stream, overridable in tests and the bench. */
export interface StreamLimits {
  /** How often each socket is pinged; a socket that missed the last pong is dropped. */
  heartbeatMs: number;
  /** A socket with nothing sent either way for this long is closed (the client may resume). */
  idleMs: number;
  /** Open sockets per conversation; a new one closes the oldest past this. */
  maxPerConversation: number;
  /** Open sockets per client address; more are refused with 429. */
  maxPerAddress: number;
  /** Open sockets in all; more are refused with 503. */
  maxSockets: number;
  /**
   * Bytes waiting to go out on a socket before it counts as a slow reader. It is then closed
   * (1013), and the client resumes from its watermark, so nothing is lost and memory stays
   * bounded by the conversation's queue.
   */
  maxBufferedBytes: number;
  /** How long a stream URL's ticket may be used to open a socket, in seconds. */
  ticketSeconds: number;
}

export const DEFAULT_STREAM_LIMITS: Readonly<StreamLimits> = Object.freeze({
  heartbeatMs: 20_000,
  idleMs: 30 * 60_000,
  maxPerConversation: 2,
  maxPerAddress: 64,
  maxSockets: 20_000,
  maxBufferedBytes: 512 * 1024,
  ticketSeconds: 120,
});

/** What a client may send on the stream: Direct Line clients only send empty pings. */
const MAX_CLIENT_MESSAGE_BYTES = 1024;
const STREAM_PATH = new RegExp(`^${DIRECT_LINE_BASE}/conversations/([A-Za-z0-9_-]{1,64})/stream$`);

/** One open socket and what the heartbeat needs to know about it. */
interface OpenStream {
  socket: WebSocket;
  address: string;
  conversationId: string;
  alive: boolean;
  lastUsedAt: number;
}

/**
 * The Direct Line v3 WebSocket stream (`streamUrl`), on the restify server's own HTTP
 * server, with the `ws` package. Replies reach the browser as soon as the bot sends them,
 * instead of on Web Chat's next one-second poll; polling keeps working beside it.
 *
 * - The stream URL carries a short-lived ticket for one conversation (not the conversation
 *   token), checked on upgrade, with the Origin (the charity's sites and this host only).
 * - On open, it sends what is queued after the URL's watermark, then each new activity, in
 *   one step, so a reconnect with the watermark loses nothing and repeats nothing.
 * - Heartbeat pings drop dead sockets; an empty text frame with each ping lets the browser
 *   see that the line is alive. Idle sockets are closed; limits apply per conversation, per
 *   address and in all; a slow reader is closed rather than buffered without bound.
 */
export class ActivityStream {
  private readonly tickets: TokenService;
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    perMessageDeflate: false,
  });
  private readonly open = new Set<OpenStream>();
  private readonly perAddress = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    server: Server,
    private readonly channel: DirectLineChannel,
    private readonly settings: Settings,
    private readonly limits: StreamLimits,
  ) {
    // Its own key, so a stream ticket is never a conversation token, nor the other way round.
    this.tickets = new TokenService(
      `${settings.directLineSecret}\u0000stream`,
      limits.ticketSeconds,
    );
    server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(req, socket, head).catch((error: unknown) => {
        this.channel.log('directline-stream-failed', { error: errorName(error) });
        refuseUpgrade(socket, 500, 'Internal Server Error');
      });
    });
    this.timer = setInterval(() => this.heartbeat(), limits.heartbeatMs);
    this.timer.unref();
  }

  /** The stream URL for a conversation, from `base` (http(s)://host), resuming after `watermark`. */
  urlFor(base: string, conversationId: string, watermark: string | undefined): string {
    const ticket = this.tickets.issue(conversationId).token;
    const query = new URLSearchParams({ watermark: watermark ?? '', t: ticket });
    const wsBase = base.replace(/^http/i, 'ws');
    return `${wsBase}${DIRECT_LINE_BASE}/conversations/${encodeURIComponent(conversationId)}/stream?${query}`;
  }

  /** Number of open sockets. */
  get size(): number {
    return this.open.size;
  }

  /** Closes every socket and stops the heartbeat. */
  close(): void {
    clearInterval(this.timer);
    for (const stream of this.open) stream.socket.terminate();
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://stream.invalid');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) return refuseUpgrade(socket, 404, 'Not Found');
    const conversationId = match[1];
    if (!streamOriginAllowed(req, this.settings)) return refuseUpgrade(socket, 403, 'Forbidden');
    const ticket = this.tickets.check(url.searchParams.get('t') ?? undefined);
    if (ticket.kind !== 'token' || ticket.claims.conv !== conversationId) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    // From memory, or from the shared records when its instance has gone.
    const conversation = await this.channel.store.find(conversationId);
    if (!conversation) return refuseUpgrade(socket, 404, 'Not Found');
    if (socket.destroyed) return undefined;
    const address = req.socket.remoteAddress ?? 'unknown';
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxPerAddress) {
      this.channel.log('directline-stream-refused', { reason: 'per-address' });
      return refuseUpgrade(socket, 429, 'Too Many Requests');
    }
    if (this.open.size >= this.limits.maxSockets) {
      this.channel.log('directline-stream-refused', { reason: 'capacity' });
      return refuseUpgrade(socket, 503, 'Service Unavailable');
    }
    const watermark = url.searchParams.get('watermark') ?? undefined;
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.attach(ws, conversation, address, watermark || undefined),
    );
  }

  private attach(
    socket: WebSocket,
    conversation: Conversation,
    address: string,
    watermark: string | undefined,
  ): void {
    const stream: OpenStream = {
      socket,
      address,
      conversationId: conversation.id,
      alive: true,
      lastUsedAt: Date.now(),
    };
    this.open.add(stream);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    this.closeOldestBeyondLimit(conversation.id);
    conversation.touch(Date.now());

    const send = (payload: string) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (socket.bufferedAmount > this.limits.maxBufferedBytes) {
        this.channel.log('directline-stream-slow-reader');
        socket.close(1013, 'Slow reader: reconnect with your watermark');
        return;
      }
      stream.lastUsedAt = Date.now();
      socket.send(payload);
    };
    const { backlog, unsubscribe } = conversation.subscribe(
      {
        // Already JSON: each activity is serialised once, when it is queued.
        activity: (json, mark) => send(`{"activities":[${json}],"watermark":"${mark}"}`),
        ended: () => {
          // Said before closing, so the page can tell the person calmly, rather than find out
          // when its reconnect is refused.
          send(JSON.stringify({ activities: [endedActivity(conversation.id)] }));
          socket.close(1000, 'Conversation ended');
        },
      },
      watermark,
    );
    if (backlog.count > 0) send(backlog.json);

    socket.on('pong', () => {
      stream.alive = true;
    });
    socket.on('message', (data: Buffer) => {
      stream.alive = true;
      // Direct Line clients ping with empty messages; those do not count as use.
      if (data.length > 0) stream.lastUsedAt = Date.now();
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      unsubscribe();
      this.open.delete(stream);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    });
  }

  /** Keeps at most `maxPerConversation` sockets on one conversation: the newest win. */
  private closeOldestBeyondLimit(conversationId: string): void {
    const same = [...this.open].filter((stream) => stream.conversationId === conversationId);
    for (const stream of same.slice(0, Math.max(0, same.length - this.limits.maxPerConversation))) {
      stream.socket.close(1000, 'Replaced by a newer connection');
    }
  }

  private heartbeat(): void {
    const now = Date.now();
    for (const stream of this.open) {
      const { socket } = stream;
      if (!stream.alive) {
        socket.terminate();
        continue;
      }
      if (now - stream.lastUsedAt > this.limits.idleMs) {
        socket.close(1000, 'Idle');
        continue;
      }
      stream.alive = false;
      socket.ping();
      // Browsers cannot see pings; an empty message (which Direct Line clients ignore) lets
      // the widget notice a dead line.
      if (socket.bufferedAmount === 0) socket.send('');
    }
  }
}

/**
 * The channel's own endOfConversation, for a conversation deleted or expired on the server
 * (the bot's exit reply brings its own, with a signpost, just before).
 */
function endedActivity(conversationId: string) {
  return {
    type: 'endOfConversation',
    id: `${conversationId}|ended`,
    channelId: CHANNEL_ID,
    conversation: { id: conversationId },
    from: BOT_ACCOUNT,
    code: 'completedSuccessfully',
    timestamp: new Date().toISOString(),
  };
}
