import { z } from 'zod';

/**
 * The name of an answer a dialog collects. Each dialog lists its own slots (`slots:` in
 * dialogs/<id>.yml); the code names none. Values are option ids, never the person's words,
 * so state and logs can hold them safely.
 */
export const slotNameSchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, 'Slot names are words in camelCase, such as canChat');
export type SlotName = string;

/** The value a slot takes when the person says "not sure" or "skip". */
export const UNSURE = 'unsure';

/**
 * Who something is for: each listed slot must be known and hold one of the listed values.
 * An empty object means open to everyone.
 */
export const eligibilitySchema = z
  .partialRecord(slotNameSchema, z.array(z.string().min(1)).min(1))
  .describe('Who this is for, e.g. { gender: [woman], age: [adult] }');

export type Eligibility = z.infer<typeof eligibilitySchema>;
/** Answers so far, by slot name. */
export type Slots = Record<SlotName, string>;

/** True when every condition in `rule` is known in `slots` and holds one of its values. */
export function isEligible(rule: Eligibility | undefined, slots: Slots): boolean {
  if (!rule) return true;
  for (const [slot, allowed] of Object.entries(rule) as [SlotName, string[] | undefined][]) {
    if (!allowed) continue;
    const value = slots[slot];
    if (value === undefined || !allowed.includes(value)) return false;
  }
  return true;
}
