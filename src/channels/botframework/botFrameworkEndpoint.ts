import type { Activity, TurnContext } from 'botbuilder';
import { createRequire } from 'node:module';
import type { Settings } from '../../config/settings.js';
import type { Log } from '../../observability/log.js';
import type { TurnRunner } from '../../turns/TurnRunner.js';
import type { TeamsEdge } from '../teams/teamsEdge.js';
import type * as Adapter from './createCloudAdapter.js';
import type * as Bot from './WaymarkBot.js';

/** The invoke response CloudAdapter gives for `expectReplies` and invoke activities. */
export interface InvokeResponse {
  status: number;
  body?: unknown;
}

/**
 * The Bot Framework side of POST /api/messages, with no botbuilder type in its interface,
 * so the HTTP layer (src/server/) stays SDK-free. The server checks the caller and reads
 * and shape-checks the body; this runs the activity.
 */
export interface BotFrameworkEndpoint {
  /**
   * Runs one parsed activity through CloudAdapter: authentication (from the Authorization
   * header), the turn, and the invoke response (which holds the replies for expectReplies).
   * Rejects with botbuilder's error, whose `statusCode` is 401 or 403 when auth fails.
   */
  process(
    authHeader: string,
    activity: Record<string, unknown>,
  ): Promise<InvokeResponse | undefined>;
  /** Loads the adapter now rather than on the first request. */
  warm(): Promise<void>;
}

/**
 * CloudAdapter's own `process(req, res)` prints whole error objects with console.error and
 * puts `err.message` in 500 bodies. Its `processActivity` does the same work and simply
 * throws, so it is called instead. It is protected in the typings, hence this narrow view.
 */
interface ActivityProcessor {
  processActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
}

/**
 * Builds the endpoint. The Bot Framework adapter pulls in the whole connector stack (about
 * a third of a second), so it loads on first use or on `warm()`, after the server listens.
 */
export function createBotFrameworkEndpoint(
  settings: Settings,
  turns: TurnRunner,
  log: Log,
  teams?: TeamsEdge,
): BotFrameworkEndpoint {
  type Process = BotFrameworkEndpoint['process'];
  let loaded: Promise<Process> | undefined;
  // require, not import(): Node's ESM loader runs its CommonJS lexer over every module a
  // dynamic import pulls in (the whole botbuilder tree), which took longer than loading it.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const load = () =>
    (loaded ??= Promise.resolve().then((): Process => {
      const { createCloudAdapter } = require('./createCloudAdapter.js') as typeof Adapter;
      const { WaymarkBot } = require('./WaymarkBot.js') as typeof Bot;
      const adapter = createCloudAdapter(settings, turns, log) as unknown as ActivityProcessor;
      const bot = new WaymarkBot(turns, teams, log);
      const run = (context: TurnContext) => bot.run(context);
      return (authHeader, activity) =>
        adapter.processActivity(authHeader, withDates(activity), run);
    }));
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    async process(authHeader, activity) {
      const process = await load();
      return process(authHeader, activity);
    },
    async warm() {
      await loadBotbuilderInSteps();
      await load();
    },
  };
}

/**
 * botbuilder's dependency tree, leaves first, each package named from the one that requires
 * it (so the copy botbuilder itself would load). Required one step at a time, with the event
 * loop given back between steps, so that loading it after listening never stalls requests for
 * the whole second it takes in one go (`npm run bench`: slowest of the first requests).
 */
const BOTBUILDER_STEPS: readonly (readonly [from: string, name: string])[] = [
  ['botframework-connector', '@azure/msal-node'],
  ['@azure/identity', '@azure/core-rest-pipeline'],
  ['@azure/identity', '@azure/core-client'],
  ['botframework-connector', '@azure/identity'],
  ['botframework-connector', 'axios'],
  ['botframework-connector', 'node-fetch'],
  ['botframework-connector', 'jsonwebtoken'],
  ['botbuilder-core', 'botbuilder-stdlib'],
  ['botbuilder-core', 'botframework-schema'],
  ['botbuilder-core', 'botframework-connector'],
  ['botbuilder', 'botframework-streaming'],
  ['botbuilder', 'htmlparser2'],
  ['botbuilder', 'fs-extra'],
  ['botbuilder', 'botbuilder-core'],
];

/** Where each package of the steps resolves from, as its dependent would find it. */
const STEP_PARENTS: Record<string, readonly string[]> = {
  botbuilder: [],
  'botbuilder-core': ['botbuilder'],
  'botframework-connector': ['botbuilder', 'botbuilder-core'],
  '@azure/identity': ['botbuilder', 'botbuilder-core', 'botframework-connector'],
};

async function loadBotbuilderInSteps(): Promise<void> {
  const resolveIn = (chain: readonly string[], name: string) => {
    const from = chain.reduce((file, parent) => createRequire(file).resolve(parent), __filename);
    return createRequire(from).resolve(name);
  };
  for (const [from, name] of BOTBUILDER_STEPS) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      const chain = [...(STEP_PARENTS[from] ?? []), from];
      createRequire(__filename)(resolveIn(chain, name));
    } catch {
      // A step that does not resolve here is loaded by botbuilder itself, in the last step.
    }
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** As botbuilder does before a turn: timestamps arrive as strings and the bot reads Dates. */
function withDates(activity: Record<string, unknown>): Activity {
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[`raw${field[0]?.toUpperCase()}${field.slice(1)}`] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
