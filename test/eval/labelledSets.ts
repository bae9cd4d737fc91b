import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** One labelled urgency message: the reply it must get, and what kind of message it is. */
export const urgencyCaseSchema = z.object({
  text: z.string().min(1),
  level: z.enum(['emergency', 'urgent', 'routine']),
  kind: z.string().default('unlabelled'),
  /** Where it is typed: anywhere (first and mid-dialog), or as the answer at "are you safe?". */
  at: z.enum(['first', 'safe-now']).default('first'),
  selfHarm: z.boolean().optional(),
  strangulation: z.boolean().optional(),
});

/** One routing statement: sent as the first message, the signpost must show `expect`. */
export const routingCaseSchema = z.object({ text: z.string().min(1), expect: z.string() });

export type UrgencyCase = z.infer<typeof urgencyCaseSchema>;
export type RoutingCase = z.infer<typeof routingCaseSchema>;

/** Reads a labelled urgency set (YAML list). */
export function readUrgencySet(path: string): UrgencyCase[] {
  return z.array(urgencyCaseSchema).parse(parse(readFileSync(path, 'utf8')));
}

/** Reads a labelled routing set (YAML list). */
export function readRoutingSet(path: string): RoutingCase[] {
  return z.array(routingCaseSchema).parse(parse(readFileSync(path, 'utf8')));
}

/** The project's labelled sets: tuned on (dev) and never tuned on (held-out). */
export const labelledSets = {
  dev: {
    urgency: ['test/urgency/cases.yml', 'test/eval/dev-urgency.yml'],
    routing: ['test/eval/dev-routing.yml'],
  },
  heldOut: {
    urgency: ['test/eval/held-out-urgency.yml'],
    routing: ['test/eval/held-out-routing.yml'],
  },
  heldOut2: {
    urgency: ['test/eval/held-out-2-urgency.yml'],
    routing: [],
  },
  heldOut3: {
    urgency: ['test/eval/held-out-3-urgency.yml'],
    routing: ['test/eval/held-out-3-routing.yml'],
  },
  /**
   * Blind: written before the tuning of 2026-12-02 by someone who had not seen the detector's
   * content. `npm run eval` prints only its counts; its messages (misses, disagreements) only
   * with --show-held-out-4-misses, so that nobody tuning reads them.
   */
  heldOut4: {
    urgency: ['test/eval/held-out-4-urgency.yml'],
    routing: ['test/eval/held-out-4-routing.yml'],
  },
  /**
   * Blind, like the fourth: written by engineer h5 on 2026-12-02, before that session's
   * tuning, without opening the detector's content, code, tests or the other sets. Its
   * messages only with --show-held-out-5-misses.
   */
  heldOut5: {
    urgency: ['test/eval/held-out-5-urgency.yml'],
    routing: ['test/eval/held-out-5-routing.yml'],
  },
  /**
   * Blind, like the fifth: written by engineer h6 on 2026-12-02 (evening), before that
   * session's tuning, without opening the detector's content, code, tests or the other sets.
   * Its messages only with --show-held-out-6-misses.
   */
  heldOut6: {
    urgency: ['test/eval/held-out-6-urgency.yml'],
    routing: ['test/eval/held-out-6-routing.yml'],
  },
} as const;

/** The flag that lets `npm run eval` print the blind fourth set's messages. */
export const showHeldOut4MissesFlag = '--show-held-out-4-misses';

/** The flag that lets `npm run eval` print the blind fifth set's messages. */
export const showHeldOut5MissesFlag = '--show-held-out-5-misses';

/** The flag that lets `npm run eval` print the blind sixth set's messages. */
export const showHeldOut6MissesFlag = '--show-held-out-6-misses';

/**
 * The blind sets: what `npm run eval` calls each, and the flag that alone prints its messages.
 * labelledSets.test.ts checks each one's size and that it is evaluated blind.
 */
export const blindSets = [
  { set: 'heldOut4', title: 'FOURTH HELD-OUT set (blind)', flagName: 'showHeldOut4MissesFlag' },
  { set: 'heldOut5', title: 'FIFTH HELD-OUT set (blind)', flagName: 'showHeldOut5MissesFlag' },
  { set: 'heldOut6', title: 'SIXTH HELD-OUT set (blind)', flagName: 'showHeldOut6MissesFlag' },
] as const;
