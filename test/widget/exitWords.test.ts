import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import { defaultServerConfig } from '../../widget/build.js';
import { ExitWords } from '../../widget/exitWords.js';

describe('widget: exit words', () => {
  const content = loadContent();
  const words = new ExitWords(content.commands.leaveSite);

  it('takes its list from content/commands.yml, the same list the server fills in', () => {
    expect(defaultServerConfig().exitWords).to.deep.equal(content.commands.leaveSite);
  });

  it('matches the leave-site words however they are typed', () => {
    for (const typed of ['exit', '  Exit! ', 'EXIT.', 'exit please', 'Quick exit', 'leave now']) {
      expect(words.matches(typed), typed).to.equal(true);
    }
  });

  it('leaves "end chat", "leave", "stop", "end" and "close" to the bot, which ends the chat only', () => {
    for (const typed of ['End chat', 'leave', 'stop', 'end', 'close', 'close this chat', 'quit']) {
      expect(words.matches(typed), typed).to.equal(false);
    }
    for (const typed of ['End chat', 'leave', 'stop', 'end', 'close', 'close this chat']) {
      expect(content.commands.exit, typed).to.include(typed.toLowerCase());
    }
  });

  it('never matches a message that only contains an exit word', () => {
    for (const typed of [
      'I want to exit my relationship',
      'how do I exit',
      '',
      'exit'.repeat(60),
    ]) {
      expect(words.matches(typed), typed).to.equal(false);
    }
    expect(words.matches(undefined)).to.equal(false);
  });
});
