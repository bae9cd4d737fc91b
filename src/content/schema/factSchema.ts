import { z } from 'zod';

/**
 * Where a fact stands. "verified" means someone checked it against the owner's current
 * page on `checked`; "unverified" facts may ship but are listed by `content:check` so the
 * charity confirms them before launch.
 */
export const factStatusSchema = z.enum(['verified', 'unverified']);

/** An ISO date (YYYY-MM-DD). YAML may hand us a Date, so both are accepted. */
export const isoDateSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-25'),
);

/** The provenance every service fact carries: where it came from, when, and its status. */
export const provenanceSchema = z.object({
  source: z.string().min(3, 'Every fact needs a source: the page it came from'),
  checked: isoDateSchema.describe('The date the source was last checked'),
  status: factStatusSchema,
  note: z.string().optional().describe('Anything a reviewer should know, such as conflicts'),
});

/** A single sourced value, such as a phone number or a website. */
export function factOf<T extends z.ZodType>(value: T) {
  return provenanceSchema.extend({ value });
}

export type Provenance = z.infer<typeof provenanceSchema>;
export type FactStatus = z.infer<typeof factStatusSchema>;
