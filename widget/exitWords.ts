import { normaliseCommand } from '../src/understanding/matchCommand.js';

/** The widget applies no chat spellings: the bot does, and it ends the chat when it matches. */
const NO_SPELLINGS: ReadonlyMap<string, string> = new Map();

/**
 * The messages that leave the site at once: content/commands.yml `leaveSite`, normalised
 * with the bot's own command normaliser, so "  Exit! " and "exit please" both match.
 * Other end words ("end chat", "stop", "close") are not here: they reach the bot, which ends
 * and forgets the chat, and the page stays.
 */
export class ExitWords {
  private readonly words: Set<string>;

  constructor(words: readonly string[]) {
    this.words = new Set(words.map((word) => normaliseCommand(word, NO_SPELLINGS)));
    this.words.delete('');
  }

  /** True when the whole message is one of the words. */
  matches(text: unknown): boolean {
    return typeof text === 'string' && this.words.has(normaliseCommand(text, NO_SPELLINGS));
  }
}
