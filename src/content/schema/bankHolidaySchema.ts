import { z } from 'zod';
import { factOf, isoDateSchema } from './factSchema.js';

/** Bank holidays in England and Wales, used to say whether a service is open now. */
export const bankHolidaysSchema = z.object({
  englandAndWales: factOf(z.array(isoDateSchema).min(1)),
});

export type BankHolidays = z.infer<typeof bankHolidaysSchema>;
