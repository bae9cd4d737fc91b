import { z } from 'zod';
import { factOf } from './factSchema.js';

const nation = z.enum(['england', 'scotland', 'wales', 'northern-ireland']);

/** A UK town or city and the nation it is in; `alsoIn` when the name is in several. */
export const ukPlaceSchema = z.object({
  name: z.string().min(2),
  nation,
  /** In the Southend-on-Sea area that SOS Domestic Abuse Projects covers. */
  southend: z.boolean().default(false),
  alsoIn: z.array(nation).default([]),
});

/** content/uk-places.yml: generated from an open dataset, shipped with its source and licence. */
export const ukPlacesSchema = z.object({
  places: factOf(z.array(ukPlaceSchema).min(1)).extend({
    licence: z.string().min(3).describe('The licence the dataset is published under'),
  }),
});

export type UkPlace = z.infer<typeof ukPlaceSchema>;
export type UkPlaces = z.infer<typeof ukPlacesSchema>;
