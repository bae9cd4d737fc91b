import type { Commands } from '../content/schema/commandSchema.js';
import { normaliseAnswer, type SpellingMap } from './normaliseText.js';

/** The whole-message commands of content/commands.yml. */
export type CommandName = keyof Commands;

/** Matches a whole message against the command lists. */
export interface CommandMatcher {
  match(text: string): CommandName | undefined;
  /** True when the whole message is one of `words` (normalised the same way). */
  normalise(text: string): string;
}

/**
 * A whole message reduced for comparison with a command list: normalised as answers are,
 * with a trailing "please" dropped; '' for a message too long to be a command. The web
 * widget uses this same function for its exit words, so the two never disagree.
 */
export function normaliseCommand(text: string, spellings: SpellingMap): string {
  return text.length > 200 ? '' : normaliseAnswer(text, spellings).replace(/ please$/, '');
}

/** Compiles the command lists once; matching is then one map lookup. */
export function createCommandMatcher(commands: Commands, spellings: SpellingMap): CommandMatcher {
  const byWords = new Map<string, CommandName>();
  // Earlier lists win, so "exit" is never read as anything else.
  const order: CommandName[] = [
    'exit',
    'notSafeToChat',
    'startOver',
    'help',
    'moreWays',
    'carryOn',
    'notSure',
  ];
  for (const name of order) {
    for (const words of commands[name]) {
      const key = normaliseAnswer(words, spellings);
      if (!byWords.has(key)) byWords.set(key, name);
    }
  }
  const normalise = (text: string) => normaliseCommand(text, spellings);
  return {
    normalise,
    match(text) {
      // A long message is never a command, and neither is text that is nothing once
      // cleaned up (emoji, punctuation, blank): what the person wrote must not be ignored.
      if (text.length > 200) return undefined;
      const key = normalise(text);
      return key ? byWords.get(key) : undefined;
    },
  };
}
