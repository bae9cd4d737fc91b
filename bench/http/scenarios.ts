import WebSocket from 'ws';
import { expectRepliesMessage } from '../../test/support/expectRepliesMessage.js';
import { signedWebhook, smsWebhook } from '../../test/support/signedSms.js';
import type { LoadRequest } from './load.js';

/**
 * What each connection sends, as autocannon request sequences. A sequence is one
 * conversation: autocannon restarts it (with a fresh context, so a new conversation) when
 * it reaches the end. Each scenario counts answers that lack the reply they should carry.
 */
export interface Scenario {
  requests: LoadRequest[];
  /** Answers that were 2xx but did not carry (or lead to) the bot's reply. */
  missing: () => number;
  /** Closes anything the scenario opened besides HTTP (WebSocket streams). */
  close: () => void;
}

/** The conversation each connection walks, over and over: triage questions, then start over. */
export const SCRIPT = ['hello', 'yes', 'yes', 'me', 'somewhere to stay', 'SS0 7AB', 'start over'];
/** Messages per conversation before a connection starts a new one. */
const MESSAGES = SCRIPT.length * 6;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

interface Context {
  id?: string;
  token?: string;
  mark?: string;
  i?: number;
  socket?: WebSocket;
  /** WebSocket: whether the stream has carried the signpost yet. */
  signposted?: boolean;
}

let conversations = 0;
/** A conversation id unique to this bench run. */
const nextId = (prefix: string) => `${prefix}-${process.pid}-${(conversations += 1)}`;
/** The next message of the script in this conversation. */
function say(context: Context): string {
  const i = context.i ?? 0;
  context.i = i + 1;
  return SCRIPT[i % SCRIPT.length] ?? '';
}

/** (a) A bare route: the same small JSON body every time. */
export function bareScenario(): Scenario {
  const body = JSON.stringify({ type: 'message', text: 'hello' });
  return {
    requests: [{ method: 'POST', path: '/bare', headers: JSON_HEADERS, body }],
    missing: () => 0,
    close: () => undefined,
  };
}

/** (b), (c), (f): POST /api/messages with deliveryMode expectReplies, replies in the body. */
export function botFrameworkScenario(prefix: string): Scenario {
  let missing = 0;
  const message: LoadRequest = {
    method: 'POST',
    path: '/api/messages',
    headers: JSON_HEADERS,
    setupRequest(request, raw) {
      const context = raw as Context;
      context.id ??= nextId(prefix);
      return { ...request, body: expectRepliesMessage(context.id, say(context), 'user-1') };
    },
    onResponse(status, body) {
      if (status === 200 && !body.includes('"activities"')) missing += 1;
    },
  };
  return {
    requests: Array.from({ length: MESSAGES }, () => ({ ...message })),
    missing: () => missing,
    close: () => undefined,
  };
}

/** The WebSocket origin of an HTTP origin (http → ws, https → wss). */
function wsOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

/**
 * (d) The self-hosted Direct Line channel: open a conversation with the secret, then post a
 * message and (polling) read the conversation from the watermark, as Web Chat does, or
 * (WebSocket) post only, with the replies pushed on the conversation's stream.
 */
export function directLineScenario(
  secret: string,
  mode: 'polling' | 'websocket',
  origin: string,
): Scenario {
  let missing = 0;
  const sockets = new Set<WebSocket>();
  let streams = 0;
  const base = '/v3/directline/conversations';
  const open: LoadRequest = {
    method: 'POST',
    path: base,
    headers: { ...JSON_HEADERS, Authorization: `Bearer ${secret}` },
    body: JSON.stringify({ user: { id: 'bench-user' } }),
    onResponse(status, body, raw) {
      const context = raw as Context;
      if (status !== 201) return;
      const opened = JSON.parse(body) as {
        conversationId: string;
        token: string;
        streamUrl?: string;
      };
      context.id = opened.conversationId;
      context.token = opened.token;
      context.mark = '';
      if (mode === 'websocket' && opened.streamUrl) {
        // The stream URL names PUBLIC_URL's host (the address the public reaches); the bench
        // reaches the same server on loopback, so only the path and ticket are kept.
        const stream = new URL(opened.streamUrl);
        // Each from its own loopback address, as clients on many phones would be: the
        // per-address stream limit is hardening, not what (d) measures.
        const socket = new WebSocket(new URL(stream.pathname + stream.search, wsOrigin(origin)), {
          localAddress: `127.0.${1 + (streams % 250)}.${1 + (Math.floor(streams / 250) % 250)}`,
        });
        streams += 1;
        socket.on('error', () => undefined);
        socket.on('message', (data: Buffer) => {
          if (data.includes('"signpost"')) context.signposted = true;
        });
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        context.socket = socket;
      }
    },
  };
  const post: LoadRequest = {
    method: 'POST',
    setupRequest(request, raw) {
      const context = raw as Context;
      return {
        ...request,
        path: `${base}/${context.id ?? '-'}/activities`,
        headers: { ...JSON_HEADERS, Authorization: `Bearer ${context.token ?? ''}` },
        body: JSON.stringify({
          type: 'message',
          text: say(context),
          from: { id: 'bench-user' },
          channelData: { clientActivityID: `c${context.i ?? 0}` },
        }),
      };
    },
  };
  const poll: LoadRequest = {
    method: 'GET',
    setupRequest(request, raw) {
      const context = raw as Context;
      return {
        ...request,
        path: `${base}/${context.id ?? '-'}/activities?watermark=${context.mark ?? ''}`,
        headers: { Authorization: `Bearer ${context.token ?? ''}` },
      };
    },
    onResponse(status, body, raw) {
      if (status !== 200) return;
      const read = JSON.parse(body) as { watermark?: string };
      (raw as Context).mark = read.watermark ?? '';
      if (!body.includes('"signpost"')) missing += 1;
    },
  };
  const last: LoadRequest = {
    ...post,
    onResponse(_status, _body, raw) {
      const context = raw as Context;
      // A whole conversation whose open stream never carried the signpost lost its replies.
      // A stream still connecting lost nothing: its replies wait in the conversation's queue
      // (under this load the handshake can take longer than the 42 posts).
      if (context.socket?.readyState === WebSocket.OPEN && !context.signposted) missing += 1;
      context.socket?.close();
    },
  };
  const turns = Array.from({ length: MESSAGES - 1 }, () =>
    mode === 'polling' ? [{ ...post }, { ...poll }] : [{ ...post }],
  ).flat();
  return {
    requests: [open, ...turns, last],
    missing: () => missing,
    close: () => {
      for (const socket of sockets) socket.terminate();
    },
  };
}

let numbers = 0;

/** (e) Signed Twilio webhooks at /api/sms: one phone number per conversation. */
export function smsScenario(): Scenario {
  const text: LoadRequest = {
    method: 'POST',
    path: '/api/sms',
    setupRequest(request, raw) {
      const context = raw as Context;
      context.id ??= `+4477009${String((numbers += 1) % 100_000).padStart(5, '0')}`;
      const { body, signature } = signedWebhook(smsWebhook(context.id, say(context)));
      return {
        ...request,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signature,
        },
        body,
      };
    },
  };
  return {
    requests: Array.from({ length: MESSAGES }, () => ({ ...text })),
    missing: () => 0,
    close: () => undefined,
  };
}
