import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Settings } from './config/settings.js';
import { loadContent, readFromDisk, type Content } from './content/loadContent.js';
import { listUnverifiedFacts } from './content/listUnverifiedFacts.js';
import { compileConversation, type Conversation } from './engine/compileConversation.js';
import { createMemoryStateStore } from './bot/stateStore.js';
import { WaymarkBot } from './bot/WaymarkBot.js';
import { registerDirectLine } from './channels/directline/registerDirectLine.js';
import { createLog, type Log } from './observability/log.js';
import { createServer } from './server/createServer.js';
import { registerWebPages } from './web/registerWebPages.js';

/** Options for tests and tools; production uses the defaults. */
export interface AppOptions {
  log?: Log;
  /** Project root holding dialogs/ and content/. */
  root?: string;
  now?: () => Date;
}

/** A wired Waymark: content, bot, adapter and server, not yet listening. */
export interface App {
  server: restify.Server;
  bot: WaymarkBot;
  content: Content;
  conversation: Conversation;
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Loads what start-up put off (the Bot Framework adapter), so first requests are quick. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the whole app from settings. Content is validated here, so a bad file stops
 * start-up with an error naming the file and the path inside it.
 */
export function createApp(settings: Settings, options: AppOptions = {}): App {
  const log = options.log ?? createLog();
  const content = loadContent(readFromDisk(options.root));
  const conversation = compileConversation(content);
  if (settings.STORAGE !== 'memory') {
    throw new Error(`STORAGE=${settings.STORAGE} is not available yet; use STORAGE=memory.`);
  }
  const store = createMemoryStateStore(settings.STATE_TTL_MINUTES);
  const linkBase = settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`;
  const bot = new WaymarkBot({ conversation, store, log, linkBase, now: options.now });
  // The Bot Framework adapter pulls in the whole connector stack (about a third of a second),
  // so it loads after the server is listening; the web channel does not need it.
  let adapter: Promise<CloudAdapter> | undefined;
  const getAdapter = () =>
    (adapter ??= import('./bot/createCloudAdapter.js').then(({ createCloudAdapter }) => {
      const cloudAdapter = createCloudAdapter(settings);
      cloudAdapter.onTurnError = async (context, error) => {
        log('adapter-turn-failed', { error: error.name });
        // Fail safe: still try to give the person 999 and the helplines.
        const text = typeof context.activity.text === 'string' ? context.activity.text : '';
        await context
          .sendActivities(bot.failSafeActivities(context.activity.channelId, text))
          .catch((sendError: Error) => log('fail-safe-not-sent', { error: sendError.name }));
      };
      return cloudAdapter;
    }));
  const server = createServer({ settings, content, bot, getAdapter, log });
  const directLine = registerDirectLine(server, {
    bot,
    settings,
    log,
    forgetConversation: (channelId, conversationId) =>
      bot.forgetConversation(channelId, conversationId),
    isEmergency: (text) => conversation.urgency.detect(text).level === 'emergency',
  });
  registerWebPages(server, { settings, exitWords: content.commands.exit });

  if (settings.NODE_ENV === 'production') {
    const unverified = listUnverifiedFacts(content).length;
    if (unverified > 0) {
      log('content-unverified-facts', {
        count: unverified,
        advice: 'Run npm run content:check and confirm each fact before launch.',
      });
    }
  }

  return {
    server,
    bot,
    content,
    conversation,
    listen(port = settings.PORT, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        const done = () => resolve(server.address() as AddressInfo);
        if (host) server.listen(port, host, done);
        else server.listen(port, done);
      });
    },
    async warm() {
      await getAdapter();
    },
    async close() {
      directLine.close();
      store.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
