import { z } from 'zod';
import { slotNameSchema } from './eligibilitySchema.js';

const id = z.string().regex(/^[a-z0-9-]+$/, 'Ids are lower-case words joined by hyphens');
const slotValues = z.partialRecord(slotNameSchema, z.string());

/** One answer to a question: a button, and the words that mean it. */
export const optionSchema = z.object({
  value: id.describe('Stored in state when chosen; never the person’s own words'),
  label: z.string().min(1).describe('Button text'),
  says: z
    .array(z.string().min(1))
    .default([])
    .describe('Short answers that mean this option when this question is asked'),
  mentions: z
    .array(z.string().min(1))
    .default([])
    .describe('Phrases that fill this answer from free text at any step'),
  mentionsFirst: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "Phrases that fill this answer from free text even when another option's mentions are " +
        "there too ('my mum hits me' is for me, though 'my mum' alone is someone else)",
    ),
  sets: slotValues.optional().describe('Other answers this option implies'),
  next: id.optional().describe('Jump to this step or built-in reply instead of the next step'),
  years: z
    .object({ from: z.number().int().min(0), to: z.number().int().max(130) })
    .optional()
    .describe('For an age question: a stated age in this range (inclusive) means this option'),
});

/** A question block: asks for one slot. */
export const questionBlockSchema = z.object({
  question: id,
  slot: slotNameSchema,
  text: z.string().min(3),
  options: z.array(optionSchema).min(2),
  matchOrder: z
    .array(id)
    .optional()
    .describe('When free text mentions several options, the first in this list wins'),
  onNotSure: z
    .enum(['continue', 'remind-999'])
    .default('continue')
    .describe('remind-999 sends a short 999 reminder before moving on'),
  onUnclear: z
    .enum(['ask-again', 'not-sure'])
    .default('ask-again')
    .describe('not-sure treats an answer that is not understood as "not sure"'),
});

/** A route block: signposts using the routing table in content/routing.yml. */
export const routeBlockSchema = z.object({
  route: id,
});

export const stepSchema = z.union([questionBlockSchema, routeBlockSchema]);

/** An outcome: the words before the signposted services. */
export const outcomeSchema = z.object({
  outcome: id,
  text: z.string().min(3),
  links: z
    .array(z.object({ label: z.string().min(1), url: z.string().min(1) }))
    .default([])
    .describe('Links shown with the outcome; a site-relative url ("/") is on this bot'),
});

/** Interruptions a dialog's policy may switch on; the emergency reply always applies. */
export const interruptionNames = ['urgent', 'notSafeToChat'] as const;

/**
 * A dialog's safety policy. Words of danger always interrupt with the emergency reply; the
 * policy says which wording (survivors and staff need different words) and which other
 * interruptions apply (a staff member typing "my client is being stalked" needs no urgent
 * reply meant for the person at risk).
 */
export const safetyPolicySchema = z.object({
  emergencyWording: id
    .default('emergency')
    .describe('"emergency" (content/wording.yml), or a name under emergencyFor: in that file'),
  interruptions: z
    .array(z.enum(interruptionNames))
    .default([...interruptionNames])
    .describe('urgent: the once-per-conversation urgent reply; notSafeToChat: the one-line reply'),
  greeting: z.boolean().default(true).describe('Greet with the privacy and 999 wording first'),
  greetingWording: id
    .default('greeting')
    .describe('"greeting" (content/wording.yml), or a name under greetingFor: in that file'),
  acknowledgeDisclosures: z
    .boolean()
    .default(true)
    .describe(
      'Acknowledge a disclosure (disclosure: in content/wording.yml) before the next question',
    ),
  trustWording: id
    .default('trustAnswers')
    .describe(
      '"trustAnswers" (content/wording.yml), or a name under trustAnswersFor: in that file',
    ),
});

/** A whole conversation. Control runs from one step to the next unless an option jumps. */
export const dialogSchema = z.object({
  id: id.describe('How channels and state name this dialog, e.g. triage'),
  slots: z
    .array(slotNameSchema)
    .min(1)
    .describe('Every answer this dialog collects; questions, options and routing use these'),
  placeSlot: slotNameSchema
    .optional()
    .describe('The slot that a place or postcode (content/areas.yml) fills, from any message'),
  policy: safetyPolicySchema.prefault({}),
  routing: z
    .enum(['routing', 'staff-routing'])
    .default('routing')
    .describe('The routing table its route step reads: content/<routing>.yml'),
  steps: z.array(stepSchema).min(1),
  eligibility: z
    .array(questionBlockSchema)
    .default([])
    .describe('Questions asked only when the routing table needs them'),
  outcomes: z.array(outcomeSchema).min(1),
});

export type Option = z.infer<typeof optionSchema>;
export type QuestionBlock = z.infer<typeof questionBlockSchema>;
export type RouteBlock = z.infer<typeof routeBlockSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type Dialog = z.infer<typeof dialogSchema>;
export type SafetyPolicy = z.infer<typeof safetyPolicySchema>;
export type InterruptionName = (typeof interruptionNames)[number];
