import { z } from 'zod';
import { factOf, provenanceSchema } from './factSchema.js';
import { eligibilitySchema } from './eligibilitySchema.js';

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const daySchema = z.enum(dayNames);
export type Day = z.infer<typeof daySchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'Use 24-hour time like 09:30');

/** One opening window in Europe/London local time. */
export const openingWindowSchema = z.object({
  days: z.array(daySchema).min(1),
  from: clockTime,
  to: clockTime,
});

/** Opening hours: "always" for 24/7 lines, or weekly windows. */
export const hoursSchema = factOf(
  z.union([z.literal('always'), z.array(openingWindowSchema).min(1)]),
).extend({
  bankHolidays: z
    .enum(['open', 'closed', 'unknown'])
    .default('unknown')
    .describe('Whether the weekly hours apply on bank holidays in England and Wales'),
});

export const contactKindSchema = z.enum(['phone', 'text', 'webchat', 'website', 'email']);

/** One way to reach a service. `value` is the number, address or URL (no https://). */
export const contactSchema = factOf(z.string().min(3)).extend({
  kind: contactKindSchema,
  label: z.string().min(1).describe('What the button or line says, e.g. "Call"'),
  how: z.string().optional().describe('Extra words, e.g. "Text SHOUT to"'),
});

/** Something a service offers, with who it is for and how to reach it. */
export const offerSchema = provenanceSchema.extend({
  id: z.string().regex(/^[a-z0-9-]+$/),
  text: z.string().min(3).describe('What it offers, in a few plain words'),
  for: eligibilitySchema.optional(),
  contacts: z.array(contactSchema).default([]),
  hours: hoursSchema.optional(),
});

/** A service in the directory. Its id appears in channelData.signpost.services. */
export const serviceSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'Service ids are lower-case words joined by hyphens'),
  name: factOf(z.string().min(2)),
  summary: z.string().min(3).describe('One line on what it is, for the signpost'),
  offers: z.array(offerSchema).min(1),
});

export const serviceDirectorySchema = z.object({
  services: z.array(serviceSchema).min(1),
});

export type OpeningWindow = z.infer<typeof openingWindowSchema>;
export type Hours = z.infer<typeof hoursSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Offer = z.infer<typeof offerSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type ServiceDirectory = z.infer<typeof serviceDirectorySchema>;
