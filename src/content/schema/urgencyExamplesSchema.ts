import { z } from 'zod';

/**
 * One labelled example message for the semantic layer: a message is read at the level of the
 * example it most resembles (when it resembles it closely enough). `why` is for the people
 * who sign the examples off: what makes this message that level.
 */
export const urgencyExampleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'Use lower-case letters, digits and dashes'),
  level: z.enum(['emergency', 'urgent', 'routine']),
  text: z.string().min(1),
  why: z.string().min(3),
  ownLife: z.boolean().default(false),
  strangulation: z.boolean().default(false),
});

/** content/urgency-examples.yml: the labelled examples the semantic layer matches against. */
export const urgencyExamplesSchema = z.object({
  /**
   * How sure the semantic layer's classifier (trained on these examples) must be for its
   * level to count, as a probability from 0 to 1: `emergency` for the emergency level,
   * `urgent` for urgent or emergency together. Lower finds more danger and more false
   * alarms; `npm run eval` shows both.
   */
  confidence: z
    .object({
      emergency: z.number().min(0.3).max(0.95).default(0.6),
      urgent: z.number().min(0.3).max(0.95).default(0.6),
    })
    .default({ emergency: 0.6, urgent: 0.6 }),
  examples: z
    .array(urgencyExampleSchema)
    .min(1)
    .refine((list) => new Set(list.map((e) => e.id)).size === list.length, {
      message: 'Every example needs its own id',
    }),
});

export type UrgencyExample = z.infer<typeof urgencyExampleSchema>;
