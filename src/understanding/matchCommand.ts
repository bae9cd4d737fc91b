import type { Commands } from '../content/schema/commandSchema.js';
import { normaliseAnswer, type SpellingMap } from './normaliseText.js';
import type { Message } from './readMessage.js';

/** The whole-message commands of content/commands.yml. */
export type CommandName = keyof Commands;

/** Matches a whole message against the command lists. */
export interface CommandMatcher {
  /** The command a whole message is, if any. */
  match(message: string | Message): CommandName | undefined;
  /** A message reduced as commands are compared (see {@link normaliseCommand}). */
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
  return {
    normalise: (text) => normaliseCommand(text, spellings),
    match(message) {
      // A long message is never a command, and neither is text that is nothing once
      // cleaned up (emoji, punctuation, blank): what the person wrote must not be ignored.
      const text = typeof message === 'string' ? message : message.text;
      if (text.length > 200) return undefined;
      const answer =
        typeof message === 'string' ? normaliseAnswer(message, spellings) : message.answer;
      const key = answer.replace(/ please$/, '');
      return key ? byWords.get(key) : undefined;
    },
  };
}
