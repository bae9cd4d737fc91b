import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

/**
 * The one driver of Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground), a
 * local Teams-like client. Its web page talks to it over HTTP and a WebSocket; those routes
 * are internal, not a documented API, so every use of them is here and nowhere else.
 */

/** The Playground's view of its mock Teams: the tenant, the bot, and the chats it offers. */
export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: { id: string; name: string };
  personalChat: { id: string };
  groupChats: { id: string }[];
  teams: { id: string; channels: { id: string; name: string }[] }[];
}

/** A message the Playground shows in a chat, as its web page receives it. */
export interface PlaygroundMessage {
  messageId: string;
  from: { id: string };
  text?: string;
  textFormat?: string;
  attachments?: { contentType: string; content: unknown }[];
}

interface StreamEvent {
  action?: string;
  actionConversationId?: string;
  message?: PlaygroundMessage;
}

/** The tenant the Playground puts on every activity unless its config file says otherwise. */
export const PLAYGROUND_TENANT = '00000000-0000-0000-0000-0000000000001';

const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running Playground, pointed at a bot's /api/messages on loopback. */
export class AgentsPlayground {
  private readonly events: { conversationId: string; message: PlaygroundMessage }[] = [];
  private readonly waiters = new Set<() => void>();
  private socket: WebSocket | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly base: string,
    private readonly workDir: string,
  ) {}

  /**
   * Starts `cli.js` directly (an npx wrapper would outlive a kill), with telemetry and the
   * browser off, in a scratch folder so no config file is picked up, and waits until it
   * listens. It picks another port if the chosen one is taken, so the port is read back.
   */
  static async start(botEndpoint: string, timeoutMs = 90_000): Promise<AgentsPlayground> {
    const port = await freePort();
    const workDir = mkdtempSync(path.join(tmpdir(), 'waymark-playground-'));
    const child = spawn(
      process.execPath,
      [
        cli,
        '-e',
        botEndpoint,
        '-c',
        'msteams',
        '-p',
        String(port),
        '--dt',
        '--su',
        `http://127.0.0.1:${port}/_connector`,
      ],
      {
        cwd: workDir,
        env: { PATH: process.env.PATH ?? '', TEAMSAPPTESTER_BROWSER: 'none', HOME: workDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const listening = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`Playground did not start: ${output}`)),
        timeoutMs,
      );
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Listening on (\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Playground exited (${code}): ${output}`));
      });
    });
    const playground = new AgentsPlayground(child, `http://127.0.0.1:${listening}`, workDir);
    await playground.connect();
    return playground;
  }

  private async connect(): Promise<void> {
    const url = `${this.base.replace('http', 'ws')}/_ws_conversation/v1/conversations/stream`;
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('message', (data) => {
      let event: StreamEvent;
      try {
        event = JSON.parse(String(data)) as StreamEvent;
      } catch {
        return;
      }
      if (event.action !== 'createMessage' || !event.message || !event.actionConversationId) return;
      this.events.push({ conversationId: event.actionConversationId, message: event.message });
      for (const wake of this.waiters) wake();
    });
    this.socket = socket;
  }

  /** The mock Teams the Playground serves. */
  async config(): Promise<PlaygroundConfig> {
    const response = await fetch(`${this.base}/_internal/v1/config`);
    if (!response.ok) throw new Error(`config: ${response.status}`);
    return ((await response.json()) as { config: PlaygroundConfig }).config;
  }

  /**
   * Types a message as the current user, optionally @mentioning the bot as Teams does
   * ("<at>Name</at>" in the text and a mention entity). Returns the conversation the bot's
   * replies go to (a channel post starts its own thread).
   */
  async send(
    conversationId: string,
    text: string,
    mentionBot?: PlaygroundConfig['bot'],
  ): Promise<string> {
    const config = await this.config();
    const at = mentionBot ? `<at>${mentionBot.name}</at>` : '';
    const body = {
      from: { id: config.currentUser.id },
      text: mentionBot ? `${at} ${text}` : text,
      textFormat: 'plain',
      ...(mentionBot ? { mentions: [{ mentioned: { id: mentionBot.id }, text: at }] } : {}),
    };
    const response = await fetch(
      `${this.base}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    if (!response.ok) throw new Error(`send: ${response.status} ${await response.text()}`);
    const sent = (await response.json()) as { postConversationId?: string };
    return sent.postConversationId ?? conversationId;
  }

  /** Presses an Action.Submit on a card the bot sent, as the user would. */
  async submit(conversationId: string, replyToId: string, value: object): Promise<void> {
    const config = await this.config();
    const response = await fetch(`${this.base}/_conversation/v1/submit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        conversation: { id: conversationId },
        from: { id: config.currentUser.id },
        replyToId,
        value,
      }),
    });
    if (!response.ok) throw new Error(`submit: ${response.status} ${await response.text()}`);
  }

  /** Every message shown in a conversation so far, the bot's and the user's. */
  messages(conversationId: string): PlaygroundMessage[] {
    return this.events.filter((e) => e.conversationId === conversationId).map((e) => e.message);
  }

  /** Messages from `botId` in a conversation, after the first `skip` of them. */
  botMessages(conversationId: string, botId: string, skip = 0): PlaygroundMessage[] {
    return this.messages(conversationId)
      .filter((m) => m.from.id === botId)
      .slice(skip);
  }

  /** Waits until `test` holds over the conversation's messages; no fixed sleeps. */
  async waitFor<T>(test: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
    const found = test();
    if (found !== undefined) return found;
    return new Promise<T>((resolve, reject) => {
      const wake = () => {
        const result = test();
        if (result === undefined) return;
        cleanup();
        resolve(result);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }

  /** Stops the Playground (its own process, by id) and removes its scratch folder. */
  async stop(): Promise<void> {
    this.socket?.close();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
