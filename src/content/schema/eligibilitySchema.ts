import { z } from 'zod';

/**
 * The answers the conversation collects. Values are option ids from dialogs/, never the
 * person's own words, so state and logs can hold them safely.
 */
export const slotNames = ['safe', 'canChat', 'who', 'need', 'place', 'gender', 'age'] as const;
export const slotNameSchema = z.enum(slotNames);
export type SlotName = z.infer<typeof slotNameSchema>;

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
export type Slots = Partial<Record<SlotName, string>>;

/** True when every condition in `rule` is known in `slots` and holds one of its values. */
export function isEligible(rule: Eligibility | undefined, slots: Slots): boolean {
  if (!rule) return true;
  for (const [slot, allowed] of Object.entries(rule) as [SlotName, string[]][]) {
    const value = slots[slot];
    if (value === undefined || !allowed.includes(value)) return false;
  }
  return true;
}
