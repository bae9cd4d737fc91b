import http from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import {
  registerDirectLine,
  type DirectLineOptions,
} from '../../src/channels/directline/registerDirectLine.js';
import type { OutgoingActivity } from '../../src/channels/render/outgoingActivity.js';
import type { LogFields } from '../../src/observability/log.js';
import type { TurnOutcome, TurnRequest, TurnRunner } from '../../src/turns/TurnRunner.js';

/** The phrase the stand-in detector treats as an emergency. */
export const EMERGENCY_PHRASE = 'he is here now';

function message(text: string, step: string, urgency = 'routine'): OutgoingActivity {
  return {
    type: 'message',
    text,
    textFormat: 'plain',
    channelData: {
      signpost: {
        urgency: urgency as 'routine',
        step,
        services: [],
        contentVersion: 'test',
      },
    },
  };
}

/** A message turn as the stand-in saw it. */
export interface SeenTurn {
  channel: string;
  conversationKey: string;
  text: string;
  limit?: string;
  choice?: string;
}

/**
 * A tiny turn runner standing in for Waymark's: it greets with 999, replies to limits
 * kindly, answers an emergency phrase, ends the conversation on "exit", throws on "boom"
 * and takes `slowMs` to answer "slow". Its replies never quote the user's text, only its length.
 */
export class StandInTurns implements TurnRunner {
  readonly turns: SeenTurn[] = [];
  readonly forgotten: [string, string][] = [];
  /** How long a "slow" message takes to answer, in ms. */
  slowMs = 600;

  runTurn(request: TurnRequest): Promise<TurnOutcome> {
    const input = request.input;
    if (input.kind === 'open') {
      return done([message('Hello. If you are in danger, call 999.', 'greeting')]);
    }
    this.turns.push({
      channel: request.channel,
      conversationKey: request.conversationKey,
      text: input.text,
      limit: input.limit,
      choice: input.choice,
    });
    const text = input.text;
    if (text.includes(EMERGENCY_PHRASE)) {
      return done([message('Call 999 now.', 'emergency', 'emergency')]);
    }
    if (input.limit)
      return done([message(`limit ${input.limit} ${text.length}; call 999`, 'limit')]);
    if (text === 'boom') return Promise.reject(new Error('stand-in failure'));
    if (text === 'slow') {
      return new Promise((resolve) => setTimeout(resolve, this.slowMs)).then(() =>
        done([message('got 4, slowly', 'echo')]),
      );
    }
    if (text === 'exit') {
      const goodbye = message('Goodbye.', 'exit');
      const end: OutgoingActivity = {
        type: 'endOfConversation',
        code: 'completedSuccessfully',
        channelData: goodbye.channelData,
      };
      return done([goodbye, end], true);
    }
    return done([message(`got ${text.length}`, 'echo')]);
  }

  forget(channel: string, conversationKey: string): Promise<void> {
    this.forgotten.push([channel, conversationKey]);
    return Promise.resolve();
  }

  failSafe(): OutgoingActivity[] {
    return [message('Sorry. If you are in danger, call 999.', 'fail-safe')];
  }
}

function done(activities: OutgoingActivity[], ended = false): Promise<TurnOutcome> {
  return Promise.resolve({ activities, ended });
}

/** A running server with the channel on it. */
export interface TestServer {
  url: string;
  settings: Settings;
  bot: StandInTurns;
  forgotten: [string, string][];
  logs: [string, LogFields | undefined][];
  close(): Promise<void>;
}

/** Starts restify on 127.0.0.1, port 0, with the channel registered. */
export async function startServer(
  env: Record<string, string> = {},
  extra: Partial<DirectLineOptions> = {},
): Promise<TestServer> {
  const settings = loadSettings({ DIRECT_LINE_SECRET: 'test-secret-value', ...env });
  const bot = new StandInTurns();
  const forgotten = bot.forgotten;
  const logs: [string, LogFields | undefined][] = [];
  const server = restify.createServer({ handleUncaughtExceptions: false });
  const channel = registerDirectLine(server, {
    turns: bot,
    settings,
    log: (event, fields) => void logs.push([event, fields]),
    isEmergency: (text) => text.includes(EMERGENCY_PHRASE),
    ...extra,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    settings,
    bot,
    forgotten,
    logs,
    close: async () => {
      channel.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A response, with its body parsed as JSON when it is JSON. */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loose JSON
  json: any;
}

/** Makes one request with node's http (which, unlike fetch, may set Origin). */
export function request(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined && !headers['Content-Type']) {
    headers['Content-Type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Opens a conversation with the secret and returns its id and token. */
export async function openConversation(
  base: string,
  body: unknown = {},
): Promise<{ conversationId: string; token: string }> {
  const reply = await request(base, 'POST', '/v3/directline/conversations', {
    token: 'test-secret-value',
    body: JSON.stringify(body),
  });
  if (reply.status !== 201) throw new Error(`open failed: ${reply.status}`);
  return reply.json as { conversationId: string; token: string };
}

/** Posts a message activity as Web Chat would. */
export function postMessage(
  base: string,
  conversationId: string,
  token: string,
  text: string,
  clientActivityID = `c-${Math.random().toString(36).slice(2)}`,
): Promise<Reply> {
  const body = JSON.stringify({
    type: 'message',
    text,
    textFormat: 'plain',
    from: { id: 'r_user', role: 'user' },
    channelData: { clientActivityID },
  });
  return request(base, 'POST', `/v3/directline/conversations/${conversationId}/activities`, {
    token,
    body,
  });
}

/** Reads the conversation's activities from a watermark. */
export function poll(base: string, conversationId: string, token: string, watermark = '') {
  return request(
    base,
    'GET',
    `/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`,
    { token },
  );
}
