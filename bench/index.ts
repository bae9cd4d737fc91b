import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { ActivityHandler, BotAdapter, TurnContext, type Activity } from 'botbuilder-core';
import { createMemoryStatePort } from '../src/state/createMemoryStatePort.js';
import { TurnService } from '../src/turns/TurnService.js';
import { parse } from 'yaml';
import { loadFallbackRecognizers } from '../src/understanding/fallbackRecognizers.js';
import { realConversation } from '../test/support/botHarness.js';
import { createUrgencyDetector, type UrgencyDetector } from '../src/understanding/detectUrgency.js';
import { ms, ratio, summarise, timeEach } from './stats.js';
import { benchState } from './stateBench.js';
import { benchMemory } from './memoryBench.js';
import { slowestFirstRequest, timeToListen } from './startupBench.js';
import { benchWebChat } from './webChatBench.js';

/**
 * `npm run bench`: speed figures, each beside a baseline measured in the same run.
 * Targets (issue 2): urgency p99 ≤ 0.5 ms; whole turn p99 ≤ 2 ms; start to listening ≤ 1.5 s.
 */
async function main(): Promise<void> {
  const conversation = realConversation();
  await loadFallbackRecognizers();
  const cases = (parse(readFileSync('test/urgency/cases.yml', 'utf8')) as { text: string }[]).map(
    (c) => c.text,
  );
  const messages = [...cases, `he has a knife ${'and more words '.repeat(600)}`];
  console.log(`Waymark bench (${messages.length} messages, Node ${process.version})\n`);

  // 1. Urgency detection with all layers, beside the phrase lists alone and each layer's
  //    combinations, all in the same run; and a bare baseline of one includes() per message.
  const labelled = [
    'test/eval/dev-urgency.yml',
    'test/eval/held-out-urgency.yml',
    'test/eval/held-out-2-urgency.yml',
  ].flatMap((path) => (parse(readFileSync(path, 'utf8')) as { text: string }[]).map((c) => c.text));
  const all = [...messages, ...labelled];
  const content = conversation.content;
  const variants: [string, UrgencyDetector][] = [
    ['all layers (as the bot runs)', conversation.urgency],
    ['phrase lists alone', createUrgencyDetector(content, ['phrases'])],
    ['phrases + linguistic', createUrgencyDetector(content, ['phrases', 'linguistic'])],
    ['linguistic + semantic', createUrgencyDetector(content, ['linguistic', 'semantic'])],
  ];
  console.log(`Urgency detection per message (${all.length} messages, target p99 ≤ 0.5 ms)`);
  for (const [label, detector] of variants) {
    const timing = summarise(await timeEach(all, 50, (text) => detector.detect(text)));
    console.log(`  ${label.padEnd(30)} median ${ms(timing.median)}, p99 ${ms(timing.p99)}`);
  }
  const bare = summarise(await timeEach(all, 50, (text) => text.toLowerCase().includes('999')));
  console.log(
    `  ${'baseline (lower-case + includes)'.padEnd(30)} median ${ms(bare.median)}, p99 ${ms(bare.p99)}`,
  );
  const started = performance.now();
  createUrgencyDetector(content);
  console.log(
    `  building the detector from content (model, concepts, examples): ${ms(performance.now() - started)}\n`,
  );

  // 2. A whole turn in process, as every channel runs it: the turn service reads state, runs
  //    the engine, renders for the web and writes state. Beside it, a botbuilder echo bot
  //    through a minimal in-process adapter: the least a Bot Framework turn costs.
  const script = [
    'yes',
    'yes',
    'me',
    'somewhere to stay',
    'SS0 7AB',
    'start over',
    'he has a knife',
    'carry on',
    'exit',
  ];
  const state = createMemoryStatePort();
  const turns = new TurnService({
    dialogs: new Map([[conversation.dialogId, conversation]]),
    defaultDialog: conversation.dialogId,
    state,
    ttlMinutes: 30,
    log: () => undefined,
    linkBase: 'http://localhost:3978',
    now: () => new Date(),
  });
  let count = 0;
  const turn = summarise(
    await timeEach(script, 200, async (text) => {
      count += 1;
      await turns.runTurn({
        channel: 'webchat',
        conversationKey: 'bench',
        input: { kind: 'message', text },
      });
    }),
  );
  await state.close();
  const adapter = new EchoAdapter();
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(`echo ${context.activity.text?.length ?? 0}`);
    await next();
  });
  const echoTurn = summarise(
    await timeEach(script, 200, (text) => adapter.run(text, (context) => echo.run(context))),
  );
  console.log(`Whole turn in process (${count} turns, through the turn service)`);
  console.log(`  median ${ms(turn.median)}, p99 ${ms(turn.p99)}  (target p99 ≤ 2 ms)`);
  console.log(
    `  baseline (botbuilder echo bot, in-process adapter): median ${ms(echoTurn.median)}, p99 ${ms(echoTurn.p99)}`,
  );
  console.log(`  ratio p99: ${ratio(turn.p99, echoTurn.p99)}\n`);

  // 3. Start to listening, against a bare restify server started the same way.
  const starts: number[] = [];
  const bareStarts: number[] = [];
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
  for (let i = 0; i < 3; i += 1) {
    starts.push(await timeToListen(['dist/index.js'], '"listening"', { PORT: '0' }));
    bareStarts.push(
      await timeToListen(['bench/bareRestifyServer.cjs'], '"listening"', { PORT: '0' }),
    );
  }
  const start = summarise(starts);
  const bareStart = summarise(bareStarts);
  console.log('Start to listening, as npm start runs it (compiled; 3 runs each)');
  console.log(`  median ${ms(start.median)}  (target ≤ 1500 ms)`);
  console.log(`  baseline (bare restify): median ${ms(bareStart.median)}`);
  console.log(`  ratio: ${ratio(start.median, bareStart.median)}\n`);

  // 4. The slowest of 20 requests sent the moment the server listens: a stall just after
  //    listening (loading the adapter or the recognizers then) shows here.
  const firsts: number[] = [];
  const bareFirsts: number[] = [];
  const env = { PORT: '0', HOST: '127.0.0.1' };
  for (let i = 0; i < 3; i += 1) {
    firsts.push(await slowestFirstRequest(['dist/index.js'], env));
    bareFirsts.push(await slowestFirstRequest(['bench/bareRestifyServer.cjs'], env));
  }
  const first = summarise(firsts);
  const bareFirst = summarise(bareFirsts);
  console.log('Slowest of 20 requests sent as the server starts listening (3 runs each)');
  console.log(`  median ${ms(first.median)}`);
  console.log(`  baseline (bare restify): median ${ms(bareFirst.median)}`);
  console.log(`  ratio: ${ratio(first.median, bareFirst.median)}\n`);

  // 5. The self-hosted Direct Line channel, when present.
  if (existsSync('bench/directLineBench.ts')) {
    const modulePath = './directLineBench.js';
    const { benchDirectLine } = (await import(modulePath)) as {
      benchDirectLine: () => Promise<Record<string, string | number>>;
    };
    console.log('Direct Line channel');
    for (const [key, value] of Object.entries(await benchDirectLine()))
      console.log(`  ${key}: ${value}`);
  }

  // 5. The web chat in Chromium (issue 9): reply latency, stream throughput and memory,
  //    first open on a throttled phone.
  console.log('\nWeb chat in Chromium, and the WebSocket stream');
  for (const [key, value] of Object.entries(await benchWebChat()))
    console.log(`  ${key}: ${value}`);

  // 6. Shared state (issue 12): lost updates before and after, and blob beside memory.
  console.log('\nShared state on Azure Blob Storage (Azurite, in memory, started here)');
  for (const [key, value] of Object.entries(await benchState())) console.log(`  ${key}: ${value}`);

  // 6. Memory of 10,000 active conversations per channel (issue 12).
  console.log(
    '\nMemory, 10,000 active conversations per channel (target ≤ 150 MB RSS, ≤ 2 KB state)',
  );
  for (const [key, value] of Object.entries(benchMemory())) console.log(`  ${key}: ${value}`);

  // 7. SMS: signed Twilio webhooks at /api/sms, beside a bare restify route.
  if (existsSync('bench/smsBench.ts')) {
    const { benchSms } = (await import('./smsBench.js')) as {
      benchSms: () => Promise<Record<string, string | number>>;
    };
    console.log('\nSMS channel (/api/sms)');
    for (const [key, value] of Object.entries(await benchSms())) console.log(`  ${key}: ${value}`);
  }
}

/** The least a botbuilder turn can cost: a context, middleware, and sends kept in memory. */
class EchoAdapter extends BotAdapter {
  run(text: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      type: 'message',
      text,
      channelId: 'webchat',
      conversation: { id: 'bench' } as Activity['conversation'],
      from: { id: 'user', name: 'user' },
      recipient: { id: 'bot', name: 'bot' },
    };
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
  override sendActivities(_context: TurnContext, activities: Partial<Activity>[]) {
    return Promise.resolve(activities.map(() => ({ id: '' })));
  }
  override updateActivity(): Promise<void> {
    return Promise.resolve();
  }
  override deleteActivity(): Promise<void> {
    return Promise.resolve();
  }
  override continueConversation(): Promise<void> {
    return Promise.resolve();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
