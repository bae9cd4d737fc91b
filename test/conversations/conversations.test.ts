import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { z } from 'zod';
import { BotHarness, realConversation } from '../support/botHarness.js';

/**
 * Plays every transcript in this folder through the real bot with botbuilder's
 * TestAdapter. One YAML file per case, named as a sentence. Each turn is either
 * `open: true` (the person joins) or `user: text`, followed by the bot activities expected,
 * optionally starting in another dialog (`dialog: id`),
 * in order: their signpost step, urgency and services, and words the text must include.
 */
const expectedActivity = z.object({
  step: z.string(),
  urgency: z.enum(['emergency', 'urgent', 'routine']).optional(),
  services: z.array(z.string()).optional(),
  includes: z.union([z.string(), z.array(z.string())]).optional(),
  excludes: z.union([z.string(), z.array(z.string())]).optional(),
});
const turn = z.union([
  z.object({ open: z.literal(true), bot: z.array(expectedActivity) }),
  z.object({ user: z.string(), bot: z.array(expectedActivity) }),
]);
const transcript = z.object({
  channel: z.string().optional(),
  /** The dialog the conversation starts in (dialogs/<id>.yml); triage when left out. */
  dialog: z.string().optional(),
  turns: z.array(turn).min(1),
});

const folder = 'test/conversations';
const files = readdirSync(folder).filter((file) => file.endsWith('.yml'));
const asList = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe('conversation transcripts (test/conversations/*.yml)', () => {
  it('has transcripts to play', () => {
    expect(files.length).to.be.greaterThan(10);
  });

  for (const file of files) {
    it(file.replace(/\.yml$/, '').replace(/-/g, ' '), async () => {
      const parsed = transcript.safeParse(parse(readFileSync(join(folder, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}:\n${z.prettifyError(parsed.error)}`);
      const harness = new BotHarness({
        channelId: parsed.data.channel,
        dialog: parsed.data.dialog,
      });
      try {
        for (const [index, step] of parsed.data.turns.entries()) {
          const said = 'open' in step ? '(opens the chat)' : step.user;
          const replies = 'open' in step ? await harness.open() : await harness.say(step.user);
          const where = `${file}, turn ${index + 1} (${said.slice(0, 60)})`;
          const got = replies.map((r) => r.channelData.signpost.step);
          expect(got, `${where}: steps`).to.deep.equal(step.bot.map((b) => b.step));
          // Exit ends the conversation with an activity, never through reply text.
          expect(harness.ended, `${where}: endOfConversation`).to.equal(got.includes('exit'));
          step.bot.forEach((expected, i) => {
            const activity = replies[i];
            if (!activity) return;
            const signpost = activity.channelData.signpost;
            expect(signpost.contentVersion).to.equal(realConversation().content.version);
            if (expected.urgency) {
              expect(signpost.urgency, `${where}: urgency of ${expected.step}`).to.equal(
                expected.urgency,
              );
            }
            if (expected.services) {
              expect(signpost.services, `${where}: services`).to.deep.equal(expected.services);
            }
            const text = [activity.text, JSON.stringify(activity.attachments ?? [])].join('\n');
            for (const words of asList(expected.includes)) {
              expect(text, `${where}: text of ${expected.step}`).to.include(words);
            }
            for (const words of asList(expected.excludes)) {
              expect(text, `${where}: text of ${expected.step}`).not.to.include(words);
            }
          });
          // The emergency level appears exactly on emergency replies.
          for (const activity of replies) {
            const { step: id, urgency } = activity.channelData.signpost;
            expect(urgency === 'emergency', `${where}: ${id} urgency`).to.equal(id === 'emergency');
          }
        }
      } finally {
        harness.close();
      }
    });
  }
});
