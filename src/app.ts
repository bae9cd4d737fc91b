import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import type { Settings } from './config/settings.js';
import { loadContent, readFromDisk, type Content } from './content/loadContent.js';
import { listUnverifiedFacts } from './content/listUnverifiedFacts.js';
import { readValidatedContent } from './content/validatedContent.js';
import { compileDialogs, type Conversation } from './engine/compileConversation.js';
import {
  loadFallbackRecognizers,
  type FallbackRecognizers,
} from './understanding/fallbackRecognizers.js';
import { createBotFrameworkEndpoint } from './channels/botframework/botFrameworkEndpoint.js';
import { createTeamsEdge } from './channels/teams/teamsEdge.js';
import { createStatePort } from './state/createStatePort.js';
import type { StatePort } from './state/StatePort.js';
import { errorName } from './observability/errorName.js';
import { safeName } from './observability/logFields.js';
import { TurnService } from './turns/TurnService.js';
import { registerDirectLine } from './channels/directline/registerDirectLine.js';
import { createStateRecordStore } from './channels/directline/conversationRecords.js';
import type { RegisteredSms, SmsOptions } from './channels/sms/registerSms.js';
import type * as Sms from './channels/sms/registerSms.js';
import { createLog, type Log } from './observability/log.js';
import { createServer } from './server/createServer.js';
import { createPrometheusMetrics } from './observability/metrics/prometheusMetrics.js';
import { registerMetricsRoute } from './observability/metrics/registerMetricsRoute.js';
import { gracefulShutdown } from './server/gracefulShutdown.js';
import { registerWebPages } from './web/registerWebPages.js';
import type * as Admin from './review/registerAdminRoutes.js';
import { readSignoffs, signoffOf, type Signoff } from './review/signoffs.js';

/** The dialog a conversation starts in when a channel names none. */
const DEFAULT_DIALOG = 'triage';

/** Options for tests and tools; production uses the defaults. */
export interface AppOptions {
  log?: Log;
  /** Project root holding dialogs/ and content/. */
  root?: string;
  /**
   * The urgency model that `npm run build` trained from content (dist/urgency-model.json);
   * the compiled app passes it. When it is missing or does not fit the content (stale), the
   * model is trained at start-up instead, from the same content, to the same result.
   */
  semanticModelFile?: string;
  now?: () => Date;
  /** Where conversation state lives; default: in memory. */
  state?: StatePort;
  /** For tests: shorter SMS retry waits and API timeout. */
  sms?: Pick<SmsOptions, 'sendPolicy' | 'apiTimeoutMs'>;
}

/** A wired Waymark: content, bot, adapter and server, not yet listening. */
export interface App {
  server: restify.Server;
  /** The one turn pipeline every channel calls. */
  turns: TurnService;
  content: Content;
  conversation: Conversation;
  /** SMS through Twilio at /api/sms, when configured. */
  sms: RegisteredSms | undefined;
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /**
   * Loads what start-up put off (Microsoft's recognizers, the Bot Framework adapter), in
   * steps; `npm start` calls it once listening. Until the recognizers are in, turns wait for
   * them (an emergency does not); /api/messages waits for the adapter.
   */
  warm(): Promise<void>;
  /** Graceful: see gracefulShutdown. Resolves once the server and state are closed. */
  close(): Promise<void>;
}

/** The built urgency model's JSON, or undefined when there is none to read. */
function readBuiltModel(file: string | undefined): unknown {
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Builds the whole app from settings. Content is validated here, so a bad file stops
 * start-up with an error naming the file and the path inside it.
 */
export function createApp(settings: Settings, options: AppOptions = {}): App {
  const log = options.log ?? createLog();
  // Content validated by `npm run build` is used when the files are exactly those it read.
  const content = loadContent(readFromDisk(options.root), readValidatedContent());
  const dialogs = compileDialogs(content, {
    semanticModel: readBuiltModel(options.semanticModelFile),
  });
  const conversation = dialogs.get(DEFAULT_DIALOG);
  if (!conversation) throw new Error(`There is no dialog "${DEFAULT_DIALOG}" in dialogs/.`);
  let recognizers: FallbackRecognizers | undefined;
  let recognizersLoading: Promise<FallbackRecognizers> | undefined;
  const now = options.now ?? (() => new Date());
  // State expires on the same clock as the turns that write it.
  const state =
    options.state ??
    createStatePort(
      settings,
      () => now().getTime(),
      (error) => log('state-sweep-failed', { error: errorName(error) }),
    );
  const linkBase = settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`;
  const metrics = createPrometheusMetrics();
  const turns = new TurnService({
    dialogs,
    defaultDialog: DEFAULT_DIALOG,
    state,
    ttlMinutes: settings.STATE_TTL_MINUTES,
    log,
    linkBase,
    now,
    recognizers: () => recognizers,
    recognizersLoading: () => recognizersLoading,
    retryBudgetMs: 2 * settings.STATE_TIMEOUT_MS,
    metrics,
  });
  const teams = createTeamsEdge(settings, turns);
  const botFramework = createBotFrameworkEndpoint(settings, turns, log, teams);
  const signoff = runningSignoff(content, log, options.root);
  const server = createServer({
    settings,
    content,
    botFramework,
    log,
    signedOff: signoff !== undefined,
  });
  const shutdown = gracefulShutdown(server.server);
  const directLine = registerDirectLine(server, {
    turns,
    settings,
    log,
    isEmergency: (text) => conversation.urgency.detect(text).level === 'emergency',
    limits: {
      rateMessages: settings.DIRECT_LINE_RATE_MESSAGES,
      rateWindowMs: settings.DIRECT_LINE_RATE_WINDOW_SECONDS * 1000,
    },
    // With a shared store, web chats can carry on on any instance (see the README).
    ...(settings.STORAGE === 'blob'
      ? { records: createStateRecordStore(state, settings.STATE_TTL_MINUTES * 60_000) }
      : {}),
  });
  registerMetricsRoute(server, metrics.registry, settings.METRICS_TOKEN);
  const webPages = registerWebPages(
    server,
    { settings, exitWords: content.commands.leaveSite },
    log,
  );
  // SMS (the twilio library) and the review pages load only when their settings turn them
  // on, so a process without them starts sooner and holds less (npm run bench).
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sms = settings.sms
    ? (require('./channels/sms/registerSms.js') as typeof Sms).registerSms(server, {
        ...options.sms,
        sms: settings.sms,
        turns,
        state,
        log,
        isEmergency: (text) => conversation.urgency.detect(text).level === 'emergency',
      })
    : undefined;
  if (settings.ADMIN_TOKEN)
    (require('./review/registerAdminRoutes.js') as typeof Admin).registerAdminRoutes(server, {
      token: settings.ADMIN_TOKEN,
      content,
      settings,
      signoff,
      now,
      linkBase,
      ...(options.root ? { root: options.root } : {}),
    });
  /* eslint-enable @typescript-eslint/no-require-imports */

  if (options.semanticModelFile && conversation.urgency.semanticModel !== 'built') {
    log('urgency-model-trained-at-start', {
      advice: 'dist/urgency-model.json was missing or stale: run npm run build.',
    });
  }
  if (settings.NODE_ENV === 'production' && !signoff) {
    log('content-not-signed-off', {
      contentVersion: safeName(content.version),
      advice:
        'WARNING: nobody has signed off this content version. Read npm run content:book, then npm run content:signoff -- --by "Name, role".',
    });
  }
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
    turns,
    content,
    conversation,
    sms,
    async listen(port = settings.PORT, host) {
      // The static files are read and compressed first, so the first visitor waits for none.
      await webPages.ready;
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        const done = () => resolve(server.address() as AddressInfo);
        if (host) server.listen(port, host, done);
        else server.listen(port, done);
      });
    },
    async warm() {
      // Recognizers first (turns wait for them), then the adapter, in steps that each give
      // the event loop back, so requests that come in meanwhile are answered between them.
      recognizersLoading ??= loadFallbackRecognizers();
      try {
        recognizers ??= await recognizersLoading;
      } finally {
        recognizersLoading = undefined;
      }
      await botFramework.warm();
    },
    async close() {
      // Stop accepting, let turns under way finish (within the deadline), close idle
      // keep-alives; only then drop conversations and state, which those turns still need.
      const { unfinished } = await shutdown.close(settings.SHUTDOWN_TIMEOUT_SECONDS * 1000);
      if (unfinished > 0) log('shutdown-deadline-passed', { unfinished });
      directLine.close();
      await sms?.close();
      await state.close();
    },
  };
}

/**
 * The sign-off of the running content version, if any. A broken record never stops the bot
 * (people still need it): it counts as unsigned, and the log says why.
 */
function runningSignoff(content: Content, log: Log, root?: string): Signoff | undefined {
  try {
    return signoffOf(readSignoffs(root), content.version);
  } catch (error) {
    log('signoffs-unreadable', { error: errorName(error) });
    return undefined;
  }
}
