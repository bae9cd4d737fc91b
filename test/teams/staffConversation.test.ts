import { expect } from 'chai';
import { isMessage, type OutgoingMessage } from '../../src/channels/render/outgoingActivity.js';
import { realTurnService } from '../support/botHarness.js';

/** The staff conversation (dialogs/staff.yml) as Teams runs it, through the turn service. */
describe('staff conversation (dialogs/staff.yml)', () => {
  const chat = () => {
    const turns = realTurnService({ dialog: 'staff' });
    const key = `staff-${Math.random()}`;
    return async (text: string): Promise<OutgoingMessage[]> => {
      const outcome = await turns.runTurn({
        channel: 'msteams',
        conversationKey: key,
        input: { kind: 'message', text },
        dialog: 'staff',
      });
      return outcome.activities.filter(isMessage);
    };
  };
  const steps = (replies: OutgoingMessage[]) => replies.map((r) => r.channelData.signpost.step);

  it('"This is about me" says Teams keeps chats, offers phone lines and the web chat, then the public chat', async () => {
    const say = chat();
    await say('hi');
    const replies = await say('this is about me');
    expect(steps(replies)).to.deep.equal(['staff-about-me', 'greeting', 'safe-now']);
    const [aboutMe, greeting] = replies;
    expect(aboutMe?.text).to.include('Teams keeps chats for your employer').and.include('web chat');
    expect(aboutMe?.channelData.signpost.services).to.include('national-domestic-abuse-helpline');
    expect(aboutMe?.text).to.include('http://localhost:3978/');
    // The public greeting, not the staff one; and the chat carries on there.
    expect(greeting?.text).to.include("If you're in danger now, call 999");
    expect(steps(await say('yes'))).to.deep.equal(['can-chat']);
  });

  it('the preview is the public conversation exactly, each message marked, 999 still first', async () => {
    const say = chat();
    await say('hi');
    const replies = await say('Preview what someone seeking help sees');
    expect(steps(replies)).to.deep.equal(['staff-preview', 'greeting', 'safe-now']);
    for (const reply of replies.slice(1)) {
      expect(reply.text).to.include('(Preview: what someone seeking help sees)');
    }
    const [emergency] = await say('he has a knife');
    // In the preview, the survivor's emergency reply, as a survivor would see it.
    expect(emergency?.text.split('\n')[0]).to.equal("If you're in danger now, call 999.");
    expect(emergency?.text).to.include('Preview');
    expect(steps(await say('start over'))).to.deep.equal(['greeting', 'safe-now']);
    expect((await say('yes'))[0]?.text).to.include('Preview');
  });

  it('staff words of danger interrupt any step with the staff reply, and carrying on resumes', async () => {
    const say = chat();
    await say('hi');
    await say("I'm supporting someone");
    await say('where to refer');
    const [reply] = await say('my client says he has a knife and is outside');
    expect(reply?.text.split('\n')).to.deep.equal([
      'If someone is in immediate danger, call 999 now and ask for the police.',
      'Tell the operator where they are, what is happening, and about any weapon or injury.',
      'Never type their name or details here. Teams keeps this chat for your employer.',
    ]);
    expect(steps(await say('carry on'))).to.deep.equal(['client-group']);
  });

  it('gives staff no survivor urgent reply: past strangulation moves on to MARAC and Dash', async () => {
    const say = chat();
    await say('hi');
    await say("I'm supporting someone");
    const replies = await say('she says he strangled her last week, so marac');
    expect(steps(replies)).to.deep.equal(['staff-risk']);
    expect(replies[0]?.channelData.signpost.services).to.deep.equal(['marac', 'safelives-dash']);
    expect(replies[0]?.text).to.include('not a risk assessment');
  });

  it('asking safely points to SafeLives’ guidance, with safe contact details and where the person causing harm is', async () => {
    const say = chat();
    await say('hi');
    await say("I'm supporting someone");
    const [reply] = await say('how to ask safely');
    const text = JSON.stringify(reply);
    expect(text)
      .to.include('safe to talk now')
      .and.include('contact details')
      .and.include('person causing harm');
  });

  for (const [group, place, step, service] of [
    ['a man', 'Elsewhere in England', 'referral-men', 'mens-advice-line'],
    ['An LGBT+ person', 'england', 'referral-lgbt', 'galop'],
    ['someone under 18', 'Southend', 'referral-young-person', 'childline'],
    ['a woman', 'Scotland', 'referral-scotland', 'scotland-domestic-abuse-helpline'],
    ['a woman', 'Elsewhere in England', 'referral-england', 'routes-to-support'],
  ] as const) {
    it(`refers ${group} in ${place} to ${service}`, async () => {
      const say = chat();
      await say('hi');
      await say("I'm supporting someone");
      await say('where to refer');
      let replies = await say(group);
      if (steps(replies)[0] === 'client-place') replies = await say(place);
      expect(steps(replies)).to.deep.equal([step]);
      expect(replies[0]?.channelData.signpost.services).to.include(service);
      expect(replies[0]?.text).to.include('999');
    });
  }
});
