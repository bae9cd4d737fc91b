import { z } from 'zod';
import { factOf } from './factSchema.js';

const postcodeDistrict = z
  .string()
  .regex(/^[A-Z]{1,2}[0-9][0-9A-Z]?$/, 'Use an outward postcode district such as SS0 or BT1');
const postcodeArea = z.string().regex(/^[A-Z]{1,2}$/, 'Use a postcode area such as BT or CF');

/** A named place inside an area, with the postcode districts that cover it. */
export const placeSchema = z.object({
  name: z.string().min(2),
  alsoCalled: z.array(z.string().min(2)).default([]),
  postcodeDistricts: z.array(postcodeDistrict).default([]),
});

/**
 * An area the bot recognises: the Southend area a local service covers, or a nation.
 * `place` is the option value of the "where" question that this area answers.
 */
export const areaSchema = z.object({
  place: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(2),
  places: factOf(z.array(placeSchema).min(1)),
  postcodeAreas: factOf(z.array(postcodeArea)).optional(),
});

/**
 * A name that covers a local area and places outside it (the county of Essex holds the
 * Southend-on-Sea area and the rest of Essex): said alone, it cannot say which service fits,
 * so the bot asks one short question. `places` are the "where" options it spans, the local
 * area first.
 */
export const spanningNameSchema = z.object({
  name: z.string().min(2),
  alsoCalled: z.array(z.string().min(2)).default([]),
  places: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(2),
});

export const areaListSchema = z.object({
  areas: z.array(areaSchema).min(1),
  spanning: factOf(z.array(spanningNameSchema)).optional(),
});

export type SpanningName = z.infer<typeof spanningNameSchema>;

export type Place = z.infer<typeof placeSchema>;
export type Area = z.infer<typeof areaSchema>;
export type AreaList = z.infer<typeof areaListSchema>;
