import { z } from 'zod';

export const urgencyLevelSchema = z.enum(['emergency', 'urgent']);

const phraseList = z.array(z.string().min(1)).min(1);

/**
 * One kind of danger and the phrases that signal it. A phrase may use {group} for any
 * word in a group and a trailing * on a word for any ending (strangl* → strangled).
 * `allOf` lists phrase lists that must all match somewhere in the message.
 */
export const urgencyCategorySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    level: urgencyLevelSchema,
    phrases: phraseList.optional(),
    allOf: z.array(phraseList).min(2).optional(),
    ownLife: z.boolean().default(false).describe('A risk to the person’s own life'),
    strangulation: z.boolean().default(false).describe('Adds medical advice to the urgent reply'),
    pastLowersTo: z
      .literal('urgent')
      .optional()
      .describe('When the message speaks only of the past or a habit, this level applies instead'),
    unless: phraseList.optional().describe('Phrases that cancel this category, e.g. "years ago"'),
  })
  .refine((category) => Boolean(category.phrases) !== Boolean(category.allOf), {
    message: 'Give either phrases or allOf',
  });

/** The urgency phrase lists: read on every message, before anything else. */
export const urgencyPhrasesSchema = z.object({
  groups: z.record(z.string().regex(/^[a-z-]+$/), phraseList),
  spellings: z
    .record(z.string(), z.string())
    .describe('Chat spellings and typos, rewritten before matching: "nife: knife"'),
  negators: phraseList.describe('Words that cancel a phrase when they come just before it'),
  uncertainty: phraseList.describe('Words that undo a negator: "not sure if he is coming"'),
  negationBridges: phraseList.describe(
    'Light words a negator reaches across: "not" cancels "in danger" in "not really in danger"',
  ),
  pastMarkers: phraseList.describe('Words that place a danger in the past or make it a habit'),
  nowMarkers: phraseList.describe('Words that place a danger now; they outweigh pastMarkers'),
  categories: z.array(urgencyCategorySchema).min(1),
});

export type UrgencyCategory = z.infer<typeof urgencyCategorySchema>;
export type UrgencyPhrases = z.infer<typeof urgencyPhrasesSchema>;
