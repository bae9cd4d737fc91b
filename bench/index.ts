import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { ActivityHandler, type Activity } from 'botbuilder-core';
import { InProcessAdapter } from '../src/channels/directline/InProcessAdapter.js';
import { WaymarkBot } from '../src/bot/WaymarkBot.js';
import { createMemoryStateStore } from '../src/bot/stateStore.js';
import { parse } from 'yaml';
import { loadFallbackRecognizers } from '../src/understanding/fallbackRecognizers.js';
import { realConversation } from '../test/support/botHarness.js';
import { ms, ratio, summarise, timeEach } from './stats.js';
import { timeToListen } from './startupBench.js';

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

  // 1. Urgency detection, against a baseline of lower-casing and one includes() per message.
  const urgency = summarise(
    await timeEach(messages, 50, (text) => conversation.urgency.detect(text)),
  );
  const bare = summarise(
    await timeEach(messages, 50, (text) => text.toLowerCase().includes('999')),
  );
  console.log('Urgency detection per message');
  console.log(`  median ${ms(urgency.median)}, p99 ${ms(urgency.p99)}  (target p99 ≤ 0.5 ms)`);
  console.log(`  baseline (lower-case + includes): median ${ms(bare.median)}, p99 ${ms(bare.p99)}`);
  console.log(`  ratio p99: ${ratio(urgency.p99, bare.p99)}\n`);

  // 2. A whole turn in process: the web channel's adapter → WaymarkBot → engine → renderer →
  //    state store, against an echo bot through the same adapter.
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
  // The web channel's own in-process adapter: the path a web chat message takes.
  const inProcess = new InProcessAdapter(() => undefined);
  const sink = () => '';
  const activity = (text: string): Partial<Activity> => ({
    type: 'message',
    text,
    channelId: 'webchat',
    conversation: { id: 'bench' } as Activity['conversation'],
    from: { id: 'user', name: 'user' },
    recipient: { id: 'bot', name: 'bot' },
  });
  const store = createMemoryStateStore(30);
  const bot = new WaymarkBot({
    conversation,
    store,
    log: () => undefined,
    linkBase: 'http://localhost:3978',
  });
  let turns = 0;
  const turn = summarise(
    await timeEach(script, 200, async (text) => {
      turns += 1;
      await inProcess.processActivity(activity(text), sink, (context) => bot.run(context));
    }),
  );
  store.close();
  const echo = new ActivityHandler();
  echo.onMessage(async (context, next) => {
    await context.sendActivity(`echo ${context.activity.text?.length ?? 0}`);
    await next();
  });
  const echoTurn = summarise(
    await timeEach(script, 200, (text) =>
      inProcess.processActivity(activity(text), sink, (context) => echo.run(context)),
    ),
  );
  console.log(`Whole turn in process (${turns} turns)`);
  console.log(`  median ${ms(turn.median)}, p99 ${ms(turn.p99)}  (target p99 ≤ 2 ms)`);
  console.log(
    `  baseline (echo bot, same adapter): median ${ms(echoTurn.median)}, p99 ${ms(echoTurn.p99)}`,
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

  // 4. The self-hosted Direct Line channel, when present.
  if (existsSync('bench/directLineBench.ts')) {
    const modulePath = './directLineBench.js';
    const { benchDirectLine } = (await import(modulePath)) as {
      benchDirectLine: () => Promise<Record<string, string | number>>;
    };
    console.log('Direct Line channel');
    for (const [key, value] of Object.entries(await benchDirectLine()))
      console.log(`  ${key}: ${value}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
