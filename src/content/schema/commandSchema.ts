import { z } from 'zod';

const words = z.array(z.string().min(1)).min(1);

/**
 * Whole-message commands, accepted at any step. Each list is matched against the whole
 * message after normalising case, spacing and punctuation.
 */
export const commandsSchema = z.object({
  exit: words.describe('Ends the conversation and forgets it; on the web the page stays'),
  leaveSite: words.describe(
    'Typed in the web widget, also leaves the site (quick exit); each must be in exit too',
  ),
  startOver: words,
  help: words,
  notSure: words.describe('Accepted at any question; the conversation moves on'),
  carryOn: words,
  moreWays: words,
  notSafeToChat: words.describe('Not safe to chat now: 999 and how to leave, then nothing more'),
});

/** Wording that must never appear in anything the bot says. */
export const judgementalSchema = z.object({
  phrases: words,
});

export type Commands = z.infer<typeof commandsSchema>;
export type Judgemental = z.infer<typeof judgementalSchema>;
