import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadFallbackRecognizers } from '../src/understanding/fallbackRecognizers.js';
import { realConversation } from '../test/support/botHarness.js';
import { benchHttp, CONNECTIONS, type HttpKey } from './http/httpBench.js';
import { benchLostUpdates, TURNS_EACH } from './lostUpdatesBench.js';
import { benchMemory } from './memoryBench.js';
import { describeMachine, renderTable, type Row } from './report.js';
import { slowestFirstRequest, timeToListen } from './startupBench.js';
import { startFlags } from './startFlags.js';
import { ms, summarise } from './stats.js';
import { benchWebChat } from './webChatBench.js';
import { benchTurns } from './turnBench.js';
import { benchUrgency } from './urgencyBench.js';

/** Targets of issue 14 (and the speed section of issue 7). */
const TARGET = {
  cb: 0.8,
  daPolling: 0.35,
  turnP99Ms: 2,
  urgencyP99Ms: 0.5,
  startMs: 1500,
  rssMB: 150,
  stateBytes: 2048,
};

const fixed = (value: number, digits = 2) => value.toFixed(digits);

/** The sections of the bench, in the order they run. */
const SECTIONS = ['http', 'turn', 'startup', 'memory', 'webchat', 'lost'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * `BENCH_ONLY=http` (or a comma-separated list of sections) runs only those sections and
 * prints their table without writing bench/RESULTS.md, which always holds one whole run.
 */
function chosenSections(only = process.env.BENCH_ONLY): Set<Section> {
  if (!only) return new Set(SECTIONS);
  const names = only.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_ONLY: no section ${unknown.join(', ')}; the sections are ${SECTIONS.join(', ')}.`,
    );
  }
  return new Set(names as Section[]);
}

/**
 * `npm run bench`: every figure in one run on this machine, each beside a baseline measured
 * in the same run, printed as one table and written to bench/RESULTS.md with the machine.
 * No test asserts any of these times; they belong here.
 */
async function main(): Promise<void> {
  const sections = chosenSections();
  const whole = sections.size === SECTIONS.length;
  const started = new Date();
  const clock = performance.now();
  const rows: Row[] = [];
  const step = (what: string) =>
    console.error(`bench: ${what} (${((performance.now() - clock) / 1000).toFixed(0)} s)`);

  if (sections.has('http')) {
    // 1. Over HTTP on loopback, with autocannon: (a)–(f).
    step('HTTP targets (a)–(f) with autocannon');
    const http = await benchHttp();
    const t = http.targets;
    const httpValue = (key: HttpKey) => {
      const f = t[key];
      const failed =
        f.failed + f.missing > 0 ? `; ${f.failed} failed, ${f.missing} without reply` : '';
      return `${f.perSecond} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms${failed}`;
    };
    for (const key of ['a', 'b', 'c', 'dPolling', 'dWebSocket', 'e', 'f'] as const) {
      rows.push({ figure: `(${key[0]}) ${t[key].label}`, value: httpValue(key) });
    }
    rows.push({
      figure: '(e) SMS webhooks with every turn and send done',
      value: `${http.smsCompletedPerSecond}/s (${http.smsSent} texts to the stand-in Twilio API)`,
    });
    rows.push({
      figure: '(e) one texter at a time: webhook to its last reply at the stand-in Twilio API',
      value: `p50 ${ms(http.smsReply.median)}, p99 ${ms(http.smsReply.p99)}`,
      baseline: "Twilio's webhook timeout: 15 s",
    });
    const ratio = (key: HttpKey, base: HttpKey) =>
      t[key].perSecond / Math.max(1, t[base].perSecond);
    rows.push({
      figure: 'c/b: Waymark /api/messages ÷ echo bot',
      value: fixed(ratio('c', 'b')),
      target: `≥ ${TARGET.cb}`,
      held: ratio('c', 'b') >= TARGET.cb,
    });
    rows.push({
      figure: 'd/a: Direct Line polling ÷ bare route',
      value: fixed(ratio('dPolling', 'a')),
      target: `≥ ${TARGET.daPolling}`,
      held: ratio('dPolling', 'a') >= TARGET.daPolling,
    });
    rows.push({
      figure: 'd/a: Direct Line WebSocket ÷ bare route',
      value: fixed(ratio('dWebSocket', 'a')),
    });
    rows.push({ figure: 'e/a: /api/sms ÷ bare route', value: fixed(ratio('e', 'a')) });
    rows.push({ figure: 'f/c: blob state ÷ memory state', value: fixed(ratio('f', 'c')) });
  }

  if (sections.has('turn')) {
    // 2. In process: a whole turn, and urgency detection.
    step('whole turn and urgency detection, in process');
    const conversation = realConversation();
    await loadFallbackRecognizers();
    const turns = await benchTurns(conversation);
    rows.push({
      figure: `whole turn in process (turn service, ${turns.turns} turns)`,
      value: `p50 ${ms(turns.turn.median)}, p99 ${ms(turns.turn.p99)}`,
      baseline: `botbuilder echo turn: p50 ${ms(turns.echo.median)}, p99 ${ms(turns.echo.p99)}`,
      target: `p99 ≤ ${TARGET.turnP99Ms} ms`,
      held: turns.turn.p99 <= TARGET.turnP99Ms,
    });
    const urgency = await benchUrgency(conversation);
    rows.push({
      figure: `urgency detection per message, all layers (${urgency.messages} messages)`,
      value: `p50 ${ms(urgency.all.median)}, p99 ${ms(urgency.all.p99)}`,
      baseline: `phrase lists alone: p50 ${ms(urgency.phrases.median)}, p99 ${ms(urgency.phrases.p99)}`,
      target: `p99 ≤ ${TARGET.urgencyP99Ms} ms`,
      held: urgency.all.p99 <= TARGET.urgencyP99Ms,
    });
    rows.push({
      figure: 'urgency detection, phrase lists + linguistic reading',
      value: `p50 ${ms(urgency.phrasesLinguistic.median)}, p99 ${ms(urgency.phrasesLinguistic.p99)}`,
    });
  }

  if (sections.has('startup')) {
    // 3. Start to listening, compiled, as npm start runs it, beside a bare restify server.
    step('start-up (compiling first)');
    execFileSync(process.execPath, [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
    ]);
    const starts: number[] = [];
    const bareStarts: number[] = [];
    const firsts: number[] = [];
    const bareFirsts: number[] = [];
    const env = { PORT: '0', HOST: '127.0.0.1' };
    for (let i = 0; i < 3; i += 1) {
      starts.push(await timeToListen([...startFlags(), 'dist/index.js'], '"listening"', env));
      bareStarts.push(await timeToListen(['bench/bareRestifyServer.cjs'], '"listening"', env));
      firsts.push(await slowestFirstRequest([...startFlags(), 'dist/index.js'], env));
      bareFirsts.push(await slowestFirstRequest(['bench/bareRestifyServer.cjs'], env));
    }
    const start = summarise(starts).median;
    rows.push({
      figure: 'start to listening (compiled, median of 3)',
      value: ms(start),
      baseline: `bare restify: ${ms(summarise(bareStarts).median)}`,
      target: `≤ ${TARGET.startMs} ms`,
      held: start <= TARGET.startMs,
    });
    rows.push({
      figure: 'slowest of 20 requests sent as it starts listening (median of 3)',
      value: ms(summarise(firsts).median),
      baseline: `bare restify: ${ms(summarise(bareFirsts).median)}`,
    });
  }

  if (sections.has('memory')) {
    // 4. Memory: 10,000 active conversations per channel, and bytes of state.
    step('memory, 10,000 conversations per channel');
    const memory = benchMemory();
    for (const m of memory) {
      rows.push({
        figure: `${m.channel}: 10,000 active conversations`,
        value: `RSS ${m.rssAfterMB.toFixed(0)} MB, heap ${m.heapAfterMB.toFixed(0)} MB (${m.perConversationKB.toFixed(2)} KB heap each)`,
        baseline: `loaded, no conversations: RSS ${m.rssBeforeMB.toFixed(0)} MB, heap ${m.heapBeforeMB.toFixed(0)} MB`,
        target: `≤ ${TARGET.rssMB} MB RSS`,
        held: m.rssAfterMB <= TARGET.rssMB,
      });
    }
    const stateBytes = Math.max(...memory.map((m) => m.maxStateBytes));
    rows.push({
      figure: 'state per conversation (largest written, any channel)',
      value: `${stateBytes} bytes`,
      target: `≤ ${TARGET.stateBytes} bytes`,
      held: stateBytes <= TARGET.stateBytes,
    });
  }

  if (sections.has('webchat')) {
    // 5. The web chat in Chromium (issue 9): reply latency, stream throughput and memory per
    //    socket, first open on a throttled phone. Each "baseline" line belongs to the figure
    //    before it.
    step('web chat in Chromium, and the WebSocket stream');
    for (const [figure, value] of Object.entries(await benchWebChat())) {
      const last = rows[rows.length - 1];
      if (/^baseline/i.test(figure) && last && last.baseline === undefined)
        last.baseline = `${figure.replace(/^baseline:?\s*/i, '')}: ${value}`;
      else rows.push({ figure: `web chat: ${figure}`, value });
    }
  }

  if (sections.has('lost')) {
    // 6. Shared state (issue 12): lost updates, two processes on one conversation.
    step('lost updates on a shared blob store');
    const lost = await benchLostUpdates();
    rows.push({
      figure: `lost updates, 2 processes × ${TURNS_EACH} concurrent turns on one conversation (Azurite)`,
      value: `turn service: ${lost.turnService} of ${2 * TURNS_EACH}`,
      baseline: `last-writer-wins ("*") writes: ${lost.lastWriterWins} of ${2 * TURNS_EACH}`,
    });
  }

  const seconds = (performance.now() - clock) / 1000;
  const table = renderTable(rows);
  const notes = [
    `HTTP: ${CONNECTIONS} connections, each its own conversation on a keep-alive socket; every target in its own process (TypeScript through tsx), the load from the bench's process; a warm-up, then slices taken in turn, so load from elsewhere on the machine falls on all alike. req/s counts 2xx answers; p50 and p99 are the median over the slices. Waymark runs with its real settings, logs dropped (as for the baselines) and the per-conversation rate limits raised.`,
    "(d) polling: each message is a POST, then a read from the watermark (both counted). WebSocket: POSTs only, with the replies pushed on each conversation's stream (opened on loopback from the stream URL's path and ticket, since the URL names PUBLIC_URL's host); a conversation whose open stream never carried the signpost counts as missing (one whose stream was still connecting at its last post lost nothing: its replies wait in the queue).",
    '(e) counts webhooks answered (signature checked, turn queued); the line below it counts them with the wait until every turn and send was done.',
    'In process: after warm-up; the echo turn is a botbuilder ActivityHandler through a minimal in-memory adapter. Memory: each channel in a fresh process running the compiled app (dist/, plain node, as npm start runs it), after a forced GC, Direct Line with replies waiting unread. Start-up: the compiled app started as npm start starts it.',
  ];
  const markdown = [
    '# Bench results',
    '',
    'Written by `npm run bench`. Every figure was measured in the one run described here.',
    '',
    ...describeMachine(started),
    `- The run took ${seconds.toFixed(0)} s.`,
    '',
    table,
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  console.log(`\n${describeMachine(started).join('\n')}\n\n${table}\n`);
  if (!whole) {
    console.log(
      `Sections ${[...sections].join(', ')} only (${seconds.toFixed(0)} s); bench/RESULTS.md is left as it was.`,
    );
    return;
  }
  writeFileSync('bench/RESULTS.md', markdown);
  console.log(`Written to bench/RESULTS.md (${seconds.toFixed(0)} s).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
