import { z } from 'zod';
import { provenanceSchema } from './factSchema.js';

/** A line of emergency advice that states a fact, so it carries its source. */
export const sourcedLineSchema = provenanceSchema.extend({
  text: z.string().min(3),
});

/**
 * The emergency reply's "more ways to get help" detail, offered on request: silent calls,
 * the Silent Solution, emergencySMS, Relay UK and 999 BSL.
 */
export const emergencyAdviceSchema = z.object({
  moreWays: z.array(sourcedLineSchema).min(1),
});

export type SourcedLine = z.infer<typeof sourcedLineSchema>;
export type EmergencyAdvice = z.infer<typeof emergencyAdviceSchema>;
