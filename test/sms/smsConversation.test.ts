import { expect } from 'chai';
import { countSegments } from '../../src/channels/sms/smsText.js';
import { FROM, inbound, PUBLIC_URL, SmsHarness } from './smsHarness.js';

/** A number from Ofcom's range for drama (07700 900000–900999), never a real person's. */
const PERSON = '+447700900123';

describe('SMS through Twilio: conversations over /api/sms', function () {
  this.timeout(60_000);
  let harness: SmsHarness;

  beforeEach(async () => {
    harness = await new SmsHarness().start({ SMS_RATE_MESSAGES: '100' });
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('runs a whole conversation from "hi" to a signpost, each text within 3 segments', async () => {
    const greeting = await harness.text(PERSON, 'hi');
    expect(greeting).to.have.length(2);
    const [first = '', question = ''] = greeting;
    expect(first).to.include('999');
    for (const phrase of [
      'stay on your phone',
      'sync to your other devices',
      'bill',
      'delete this thread',
    ]) {
      expect(first).to.include(phrase);
    }
    expect(first).to.include(`Privacy notice: ${PUBLIC_URL}/privacy`);
    expect(question).to.equal(
      "Are you safe right now?\nReply 1 for Yes, I'm safe right now\n2 for No, I'm not safe\n3 for Not sure",
    );
    expect(await harness.text(PERSON, '1')).to.deep.equal([
      'Is it safe for you to chat for a few minutes?\nReply 1 for Yes, I can chat\n2 for No, not now\n3 for Not sure',
    ]);
    // Answered in words as well as by number.
    expect((await harness.text(PERSON, 'yes i can'))[0]).to.match(/^Who are you looking for/);
    expect((await harness.text(PERSON, 'me'))[0]).to.match(/^What would help most/);
    expect((await harness.text(PERSON, '2'))[0]).to.match(/^Where do you live/);
    const signpost = await harness.text(PERSON, 'Southend');
    expect(signpost).to.have.length(1);
    expect(signpost[0]).to.include('SOS Domestic Abuse Projects');
    expect(signpost[0]).to.include('Call 01702 302333');
    expect(signpost[0]).to.include('999');
    expect(signpost[0]).to.match(/Reply 1 for Start over\n2 for End chat$/);

    // Exactly what Twilio would receive: the account's path and To, From and Body only.
    for (const call of harness.twilio.sent) {
      expect(call.path).to.equal(`/2010-04-01/Accounts/${call.user}/Messages.json`);
      expect(Object.keys(call.form).sort()).to.deep.equal(['Body', 'From', 'To']);
      expect(call.form.To).to.equal(PERSON);
      expect(call.form.From).to.equal(FROM);
      expect(countSegments(call.form.Body ?? '').segments).to.be.at.most(3);
      expect(countSegments(call.form.Body ?? '').encoding).to.equal('GSM-7');
    }
  });

  it('answers an emergency phrase mid-conversation with 999 first, then carries on', async () => {
    await harness.text(PERSON, 'hi');
    await harness.text(PERSON, '1');
    const emergency = await harness.text(PERSON, 'he has a knife');
    expect(emergency).to.have.length(1);
    const lines = (emergency[0] ?? '').split('\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/\b999\b/);
    expect(lines[2]).to.include('Reply 1 for');
    // "2" is the emergency reply's own second choice: carry on, back to the question.
    expect((await harness.text(PERSON, '2'))[0]).to.match(/^Is it safe for you to chat/);
  });

  it('STOP forgets the conversation and sends nothing; START begins afresh', async () => {
    await harness.text(PERSON, 'hi');
    await harness.text(PERSON, '1');
    for (const word of ['STOP', 'stopall', 'Unsubscribe', 'end', 'CANCEL', 'quit.']) {
      expect(await harness.text(PERSON, word), word).to.deep.equal([]);
    }
    expect(harness.logs.filter((line) => line.includes('"sms-opted-out"'))).to.have.length(6);
    const again = await harness.text(PERSON, 'START');
    expect(again).to.have.length(2);
    expect(again[0]).to.match(/^Waymark: /);
    expect(again[1]).to.match(/^Are you safe right now\?/);
    // The earlier answer was forgotten: "1" answers the first question again.
    expect((await harness.text(PERSON, '1'))[0]).to.match(/^Is it safe for you to chat/);
  });

  it('HELP says what this number is, with 999', async () => {
    await harness.text(PERSON, 'hi');
    const help = await harness.text(PERSON, 'HELP');
    expect(help[0]).to.match(/^This number is Waymark/);
    expect(help[0]).to.include('999');
    expect(help[1]).to.match(/^Are you safe right now\?/);
  });

  it('runs two texts from one number one after the other, never on stale state', async () => {
    await harness.text(PERSON, 'hi');
    const before = harness.twilio.sent.length;
    // Both arrive together: the second must answer the question the first one led to.
    const posted = await Promise.all([
      harness.post(inbound(PERSON, '1')),
      harness.post(inbound(PERSON, '1')),
    ]);
    expect(posted.map((response) => response.status)).to.deep.equal([200, 200]);
    await harness.idle();
    const replies = harness.twilio.sent.slice(before).map((call) => call.form.Body ?? '');
    expect(replies).to.have.length(2);
    expect(replies[0]).to.match(/^Is it safe for you to chat/);
    expect(replies[1]).to.match(/^Who are you looking for/);
  });

  it('keeps each number to its own conversation, keyed by an HMAC, and never logs a number or text', async () => {
    const other = '+447700900456';
    await harness.text(PERSON, 'hi');
    await harness.text(other, 'hi');
    expect((await harness.text(PERSON, '1'))[0]).to.match(/^Is it safe for you to chat/);
    expect((await harness.text(other, '3'))[0]).to.include('999');
    await harness.text(PERSON, 'he has a knife');
    const logged = harness.logs.join('\n');
    for (const secret of ['7700900', 'knife', 'hi"']) expect(logged).to.not.include(secret);
  });
});
