import { loadContent } from '../../src/content/loadContent.js';
import { compileConversation } from '../../src/engine/compileConversation.js';
import type { Urgency } from '../../src/understanding/detectUrgency.js';
import {
  labelledSets,
  readRoutingSet,
  showHeldOut4MissesFlag,
  showHeldOut5MissesFlag,
  showHeldOut6MissesFlag,
  readUrgencySet,
  type RoutingCase,
  type UrgencyCase,
} from './labelledSets.js';
import { repliesAt, signpostFor, type Position } from './playConversation.js';

/**
 * `npm run eval`: how well Waymark reads danger and routes people, on the project's own
 * labelled sets. The held-out set is reported separately: it was written before tuning and is
 * never used to build the semantic layer's examples.
 *
 * For each set it prints emergency recall, the false-alarm rate, urgent recall, routing
 * accuracy, what each layer finds on its own, and where the layers disagree.
 *
 * The FOURTH, FIFTH and SIXTH held-out sets are blind: only their counts are printed. Their misses
 * and the messages the layers disagreed on are printed only with --show-held-out-4-misses
 * (--show-held-out-5-misses for the fifth, --show-held-out-6-misses for the sixth), so that nobody tuning detection reads them.
 */
const conversation = compileConversation(loadContent());
const levels: Urgency[] = ['routine', 'urgent', 'emergency'];
const rank = (level: Urgency) => levels.indexOf(level);
const verbose = process.argv.includes('--verbose');

function pct(hit: number, total: number): string {
  return total === 0 ? 'n/a' : `${((100 * hit) / total).toFixed(1)}% (${hit}/${total})`;
}

/** The reply a message got: emergency, urgent or routine, read from the replies' steps. */
function replyLevel(position: Position, text: string): Urgency {
  const replies = repliesAt(conversation, position, text);
  if (replies.some((reply) => reply.step === 'emergency')) return 'emergency';
  if (replies.some((reply) => reply.step === 'urgent')) return 'urgent';
  return 'routine';
}

interface Scores {
  emergencyRecall: [number, number];
  falseAlarms: [number, number];
  urgentRecall: [number, number];
}

function score(cases: UrgencyCase[], levelOf: (c: UrgencyCase) => Urgency, misses?: string[]) {
  const s: Scores = { emergencyRecall: [0, 0], falseAlarms: [0, 0], urgentRecall: [0, 0] };
  for (const c of cases) {
    const got = levelOf(c);
    if (c.level === 'emergency') {
      s.emergencyRecall[1] += 1;
      if (got === 'emergency') s.emergencyRecall[0] += 1;
      else misses?.push(`  missed emergency (${got}) [${c.kind}]: ${c.text}`);
    } else if (c.level === 'urgent') {
      s.urgentRecall[1] += 1;
      if (rank(got) >= rank('urgent')) s.urgentRecall[0] += 1;
      else misses?.push(`  missed urgent [${c.kind}]: ${c.text}`);
    } else {
      s.falseAlarms[1] += 1;
      if (got === 'emergency') {
        s.falseAlarms[0] += 1;
        misses?.push(`  false alarm [${c.kind}]: ${c.text}`);
      }
    }
  }
  return s;
}

function line(label: string, s: Scores): string {
  return (
    `  ${label.padEnd(22)} emergency recall ${pct(...s.emergencyRecall).padEnd(16)}` +
    ` false alarms ${pct(...s.falseAlarms).padEnd(15)} urgent recall ${pct(...s.urgentRecall)}`
  );
}

/** `blind`: print counts only; the set's messages only when this flag is given. */
function evaluate(
  name: string,
  cases: UrgencyCase[],
  routing: RoutingCase[],
  options: { blind?: string } = {},
): void {
  const hidden = options.blind !== undefined && !process.argv.includes(options.blind);
  console.log(
    `\n=== ${name}: ${cases.length} urgency messages, ${routing.length} routing statements`,
  );
  const anywhere = cases.filter((c) => c.at === 'first');
  const results = new Map(cases.map((c) => [c, conversation.urgency.detect(c.text)]));
  const layerNames = ['phrases', 'linguistic', 'semantic'] as const;

  console.log('Each layer on its own (detection only):');
  for (const layer of layerNames) {
    const levelOf = (c: UrgencyCase): Urgency =>
      results.get(c)?.layers.find((l) => l.layer === layer)?.level ?? 'routine';
    console.log(line(layer, score(anywhere, levelOf)));
  }
  console.log(
    line(
      'all layers together',
      score(anywhere, (c) => results.get(c)?.level ?? 'routine'),
    ),
  );

  console.log('Replies through the real engine (what the person sees):');
  const misses: string[] = [];
  console.log(
    line(
      'first message',
      score(anywhere, (c) => replyLevel('first', c.text), misses),
    ),
  );
  console.log(
    line(
      'mid-dialog',
      score(anywhere, (c) => replyLevel('mid-dialog', c.text), misses),
    ),
  );
  const atSafeNow = cases.filter((c) => c.at === 'safe-now');
  if (atSafeNow.length > 0) {
    console.log(
      line(
        'at "are you safe?"',
        score(atSafeNow, (c) => replyLevel('safe-now', c.text), misses),
      ),
    );
  }

  let routed = 0;
  for (const c of routing) {
    const services = signpostFor(conversation, c.text);
    if (services?.includes(c.expect)) routed += 1;
    else
      misses.push(
        `  misrouted (wanted ${c.expect}, got ${services?.join(' ') ?? 'no signpost'}): ${c.text}`,
      );
  }
  console.log(`  routing accuracy       ${pct(routed, routing.length)}`);

  console.log('Which layer decided (all layers together):');
  const decided = new Map<string, number>();
  const onlyBy = new Map<string, number>();
  const disagreements: string[] = [];
  for (const [c, result] of results) {
    if (result.level === 'routine') continue;
    const key = `${result.level} by ${result.decidedBy.layer}`;
    decided.set(key, (decided.get(key) ?? 0) + 1);
    const reaching = result.layers.filter((l) => l.level === result.level).map((l) => l.layer);
    if (reaching.length === 1) {
      const only = `${result.level} found only by ${reaching[0]}`;
      onlyBy.set(only, (onlyBy.get(only) ?? 0) + 1);
    }
    const seen = new Set(result.layers.map((l) => l.level));
    if (seen.size > 1 || result.layers.length < layerNames.length) {
      const parts = layerNames.map(
        (n) => `${n}=${result.layers.find((l) => l.layer === n)?.level ?? 'routine'}`,
      );
      disagreements.push(
        `  [${c.level}] ${parts.join(' ')} (${result.decidedBy.because}): ${c.text}`,
      );
    }
  }
  for (const [key, count] of [...decided].sort()) console.log(`  ${key}: ${count}`);
  for (const [key, count] of [...onlyBy].sort()) console.log(`  ${key}: ${count}`);
  if (hidden) {
    console.log(
      `Layers disagreed on ${disagreements.length} messages (blind set: ${options.blind} lists them)`,
    );
    const unique = [...new Set(misses)];
    const count = (prefix: string) => unique.filter((m) => m.startsWith(`  ${prefix}`)).length;
    console.log(
      unique.length
        ? `Misses (${unique.length}): ${count('missed emergency')} missed emergency,` +
            ` ${count('missed urgent')} missed urgent, ${count('false alarm')} false alarms,` +
            ` ${count('misrouted')} misrouted (blind set: ${options.blind} lists them)`
        : 'No misses.',
    );
    return;
  }
  console.log(
    `Layers disagreed on ${disagreements.length} messages${verbose ? ':' : ' (--verbose lists them)'}`,
  );
  if (verbose) for (const d of disagreements) console.log(d);
  console.log(
    misses.length ? `Misses (${misses.length}):\n${[...new Set(misses)].join('\n')}` : 'No misses.',
  );
}

const read = (set: { urgency: readonly string[]; routing: readonly string[] }) => ({
  urgency: set.urgency.flatMap(readUrgencySet),
  routing: set.routing.flatMap(readRoutingSet),
});
const dev = read(labelledSets.dev);
const heldOut = read(labelledSets.heldOut);
evaluate('project set (tuned on)', dev.urgency, dev.routing);
evaluate('HELD-OUT set (never tuned on)', heldOut.urgency, heldOut.routing);
const heldOut2 = read(labelledSets.heldOut2);
evaluate('SECOND HELD-OUT set (never tuned on)', heldOut2.urgency, heldOut2.routing);
const heldOut3 = read(labelledSets.heldOut3);
evaluate('THIRD HELD-OUT set (never tuned on)', heldOut3.urgency, heldOut3.routing);
const heldOut4 = read(labelledSets.heldOut4);
evaluate('FOURTH HELD-OUT set (blind)', heldOut4.urgency, heldOut4.routing, {
  blind: showHeldOut4MissesFlag,
});
const heldOut5 = read(labelledSets.heldOut5);
evaluate('FIFTH HELD-OUT set (blind)', heldOut5.urgency, heldOut5.routing, {
  blind: showHeldOut5MissesFlag,
});
const heldOut6 = read(labelledSets.heldOut6);
evaluate('SIXTH HELD-OUT set (blind)', heldOut6.urgency, heldOut6.routing, {
  blind: showHeldOut6MissesFlag,
});
