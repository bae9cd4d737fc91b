import { expect } from 'chai';
import { BotHarness } from '../support/botHarness.js';

/**
 * Input that a YAML transcript cannot easily hold: a 20 KB message. It must get a kind
 * reply (never a bare error) with 999, never echo what was sent, and leave 999 in reach.
 */
describe('bad input (too big for a transcript)', () => {
  const marker = '<script>alert("xss")</script>';
  const twentyKb = `${marker} ${'lorem ipsum dolor sit amet '.repeat(800)}`.slice(0, 20 * 1024);

  let harness: BotHarness;
  beforeEach(() => {
    harness = new BotHarness();
  });
  afterEach(() => harness.close());

  const stepsOf = (replies: Awaited<ReturnType<BotHarness['say']>>) =>
    replies.map((reply) => reply.channelData.signpost.step);
  const textOf = (replies: Awaited<ReturnType<BotHarness['say']>>) =>
    replies
      .map((reply) => `${reply.text ?? ''}\n${JSON.stringify(reply.attachments ?? [])}`)
      .join('\n');

  it('answers a 20 KB message kindly, with 999, without echoing it, and carries on', async () => {
    expect(twentyKb.length).to.equal(20 * 1024);
    await harness.open();
    await harness.say('yes');

    const replies = await harness.say(twentyKb);
    expect(stepsOf(replies)).to.deep.equal(['message-too-long', 'can-chat']);
    expect(replies[0]?.channelData.signpost.urgency).to.equal('routine');
    const text = textOf(replies);
    expect(text).to.include('999');
    expect(text).not.to.include('<script');
    expect(text).not.to.include('lorem ipsum');

    // 999 is still in reach afterwards: the conversation goes on, and danger still interrupts.
    expect(stepsOf(await harness.say('yes'))).to.deep.equal(['who']);
    const danger = await harness.say("he's outside");
    expect(stepsOf(danger)).to.deep.equal(['emergency']);
    expect(danger[0]?.channelData.signpost.urgency).to.equal('emergency');
    expect(textOf(danger)).to.include('999');
  });

  it('still gives the emergency reply when words of danger start a 20 KB message', async () => {
    await harness.open();
    const replies = await harness.say(`he's got a knife ${twentyKb}`);
    expect(stepsOf(replies)).to.deep.equal(['emergency']);
    expect(textOf(replies)).to.include('999');
    expect(textOf(replies)).not.to.include('lorem ipsum');
  });

  it('answers a 20 KB first message with the greeting, a kind reply, then the first question', async () => {
    const replies = await harness.say(twentyKb);
    expect(stepsOf(replies)).to.deep.equal(['greeting', 'message-too-long', 'safe-now']);
    expect(textOf(replies)).to.include('999');
    expect(textOf(replies)).not.to.include('lorem ipsum');
  });
});
