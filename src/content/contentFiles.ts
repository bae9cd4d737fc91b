import type { z } from 'zod';
import { areaListSchema } from './schema/areaSchema.js';
import { bankHolidaysSchema } from './schema/bankHolidaySchema.js';
import { commandsSchema, judgementalSchema } from './schema/commandSchema.js';
import { dialogSchema, type Dialog } from './schema/dialogSchema.js';
import { emergencyAdviceSchema } from './schema/emergencySchema.js';
import { dialogRoutingSchema, routingTableSchema } from './schema/routingSchema.js';
import { serviceDirectorySchema } from './schema/serviceSchema.js';
import { urgencyPhrasesSchema } from './schema/urgencySchema.js';
import { urgencyConceptsSchema } from './schema/urgencyConceptsSchema.js';
import { urgencyExamplesSchema } from './schema/urgencyExamplesSchema.js';
import { ukPlacesSchema } from './schema/ukPlacesSchema.js';
import { wordingSchema } from './schema/wordingSchema.js';

/**
 * Every file that staff edit, with the schema that validates it. Paths are relative to the
 * project root. The order fixes the content version hash.
 */
export const contentFiles = {
  services: { path: 'content/services.yml', schema: serviceDirectorySchema },
  areas: { path: 'content/areas.yml', schema: areaListSchema },
  ukPlaces: { path: 'content/uk-places.yml', schema: ukPlacesSchema },
  routing: { path: 'content/routing.yml', schema: routingTableSchema },
  staffRouting: { path: 'content/staff-routing.yml', schema: dialogRoutingSchema },
  wording: { path: 'content/wording.yml', schema: wordingSchema },
  emergency: { path: 'content/emergency.yml', schema: emergencyAdviceSchema },
  urgency: { path: 'content/urgency.yml', schema: urgencyPhrasesSchema },
  urgencyConcepts: { path: 'content/urgency-concepts.yml', schema: urgencyConceptsSchema },
  urgencyExamples: { path: 'content/urgency-examples.yml', schema: urgencyExamplesSchema },
  commands: { path: 'content/commands.yml', schema: commandsSchema },
  judgemental: { path: 'content/judgemental.yml', schema: judgementalSchema },
  bankHolidays: { path: 'content/bank-holidays.yml', schema: bankHolidaysSchema },
} as const;

export type ContentKey = keyof typeof contentFiles;

/**
 * The dialogs, one file each, named by their id: `dialogs/<id>.yml`. A new dialog (such as
 * the staff dialog for Teams) is a new file here and a line in this list.
 */
export const dialogFiles = ['dialogs/triage.yml', 'dialogs/staff.yml'] as const;

/** The schema every dialog file is validated with. */
export { dialogSchema };

/** The validated content of every file, keyed as in {@link contentFiles}, and the dialogs. */
export type ContentData = {
  [K in ContentKey]: z.infer<(typeof contentFiles)[K]['schema']>;
} & {
  /** Every dialog, in {@link dialogFiles} order. */
  dialogs: readonly Dialog[];
};

/** Each editor JSON Schema in content/schema/, and the files that name it in line one. */
export function editorSchemas(): { name: string; schema: z.ZodType; files: readonly string[] }[] {
  const perFile = Object.values(contentFiles).map(({ path, schema }) => ({
    name: `${path.replace(/^.*\//, '').replace(/\.yml$/, '')}.schema.json`,
    schema: schema as z.ZodType,
    files: [path],
  }));
  return [{ name: 'dialog.schema.json', schema: dialogSchema, files: dialogFiles }, ...perFile];
}
