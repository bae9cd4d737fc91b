import { z } from 'zod';
import { slotNameSchema } from './eligibilitySchema.js';

const id = z.string().regex(/^[a-z0-9-]+$/);

/**
 * One row of the routing table. Conditions are read in order; a slot not yet known makes
 * the row not match, unless the slot is listed in `ask`, in which case its question is
 * asked (that is the only way eligibility questions get asked).
 */
export const routingRuleSchema = z.object({
  outcome: id.describe('The outcome id in dialogs/ that this row leads to'),
  when: z.record(slotNameSchema, z.union([z.string(), z.array(z.string()).min(1)])).default({}),
  ask: z.array(slotNameSchema).default([]),
  services: z.array(id).min(1),
  then: z
    .object({
      dialog: id.describe('The dialog (dialogs/<id>.yml) the conversation moves to'),
      preview: z
        .boolean()
        .default(false)
        .describe('Mark every reply of that dialog as a preview (staff seeing the public chat)'),
    })
    .optional()
    .describe('After this outcome, start the named dialog afresh, its greeting included'),
});

/** The ordered routing table: the first row that matches wins. */
export const routingTableSchema = z.object({
  rules: z.array(routingRuleSchema).min(1),
  urgentServices: z
    .partialRecord(z.string(), z.array(id).min(1))
    .describe('Same-day helplines for the urgent reply, by place; "default" when unknown'),
  urgentAreaWithin: z
    .partialRecord(z.string(), z.string())
    .default({})
    .describe(
      'A local area inside a nation (southend: england): the urgent reply there gives the ' +
        "area's own same-day services, then the first it gives the person in the rest of that nation",
    ),
  failSafeServices: z.array(id).min(1),
  ownLifeServices: z.array(id).min(1),
  strangulationServices: z
    .array(id)
    .default([])
    .describe('Added to the urgent reply after strangulation (medical advice)'),
});

/**
 * A routing table of a dialog other than triage (content/staff-routing.yml): rules only,
 * and an outcome may show no services (its words are the help, or it hands over with `then`).
 */
export const dialogRoutingSchema = z.object({
  rules: z.array(routingRuleSchema.extend({ services: z.array(id).default([]) })).min(1),
});

export type RoutingRule = z.infer<typeof routingRuleSchema>;
export type RoutingTable = z.infer<typeof routingTableSchema>;
