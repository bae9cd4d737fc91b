import { expect } from 'chai';
import { loadSettings } from '../../src/config/settings.js';
import { inbound, PUBLIC_URL, SmsHarness } from './smsHarness.js';

const PERSON = '+447700900321';

describe('SMS through Twilio: signatures, bad input and failures', function () {
  this.timeout(60_000);
  let harness: SmsHarness;
  afterEach(async () => {
    await harness.stop();
  });

  describe('signatures', () => {
    beforeEach(async () => {
      harness = await new SmsHarness().start();
    });

    it('refuses an unsigned webhook with 403, and no turn runs', async () => {
      const response = await harness.post(inbound(PERSON, 'he has a knife'), { signature: null });
      expect(response.status).to.equal(403);
      await harness.idle();
      expect(harness.twilio.calls).to.deep.equal([]);
      expect(harness.logs.some((line) => line.includes('"turn"'))).to.equal(false);
    });

    it('refuses a wrong signature, or one made for another URL, with 403', async () => {
      const wrong = await harness.post(inbound(PERSON, 'hi'), {
        signature: 'bm90IGEgc2lnbmF0dXJl',
      });
      // Signed for the address the test reaches, not the public one Twilio calls.
      const otherUrl = await harness.post(inbound(PERSON, 'hi'), {
        signedUrl: `http://127.0.0.1:${harness.port}/api/sms`,
      });
      // Signed over other fields than those sent.
      const params = inbound(PERSON, 'hi');
      const tampered = await harness.post(params, {
        signature: (await import('twilio')).default.getExpectedTwilioSignature(
          'another-token',
          `${PUBLIC_URL}/api/sms`,
          params,
        ),
      });
      expect([wrong.status, otherUrl.status, tampered.status]).to.deep.equal([403, 403, 403]);
      await harness.idle();
      expect(harness.twilio.calls).to.deep.equal([]);
    });

    it('checks the query string as part of the signed URL', async () => {
      const ok = await harness.post(inbound(PERSON, 'hi'), { path: '/api/sms?charity=sos' });
      const moved = await harness.post(inbound(PERSON, 'hi'), {
        path: '/api/sms?charity=other',
        signedUrl: `${PUBLIC_URL}/api/sms?charity=sos`,
      });
      expect([ok.status, moved.status]).to.deep.equal([200, 403]);
      expect(ok.body).to.equal('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    });
  });

  describe('bad input', () => {
    beforeEach(async () => {
      harness = await new SmsHarness().start({ SMS_RATE_MESSAGES: '100' });
    });

    it('answers an empty Body, or a picture with no text, once, kindly and with 999', async () => {
      await harness.text(PERSON, 'hi');
      await harness.text(PERSON, '1');
      const empty = await harness.text(PERSON, '');
      const picture = await harness.text(PERSON, '', {
        NumMedia: '1',
        MediaContentType0: 'image/jpeg',
        MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      });
      for (const replies of [empty, picture]) {
        expect(replies).to.have.length(1);
        expect(replies[0]).to.include('999');
        expect(replies[0]).to.match(/Is it safe for you to chat/);
      }
    });

    it('reads a 10 KB Body kindly (with 999), ignoring unknown fields, and still hears danger in it', async () => {
      await harness.text(PERSON, 'hi');
      const long = await harness.text(PERSON, 'words '.repeat(1700), {
        SomethingNew: 'x',
        Foo: 'y',
      });
      expect(long.join('\n')).to.include('too long');
      expect(long.join('\n')).to.include('999');
      const danger = await harness.text(PERSON, `he has a knife ${'and more '.repeat(1200)}`);
      expect(danger).to.have.length(1);
      expect(danger[0]?.split('\n')[0]).to.match(/\b999\b/);
    });

    it('answers a MessageSid delivered twice (a Twilio retry) once only', async () => {
      const params = inbound(PERSON, 'hi');
      await harness.post(params);
      await harness.post(params);
      await harness.idle();
      expect(harness.twilio.sent).to.have.length(2); // the greeting and the first question, once
      expect(harness.logs.filter((line) => line.includes('sms-duplicate-ignored'))).to.have.length(
        1,
      );
    });
  });

  describe('a burst from one number', () => {
    beforeEach(async () => {
      harness = await new SmsHarness().start({ SMS_RATE_MESSAGES: '3' });
    });

    it('is answered once with a kind reply showing 999, but an emergency inside it is never dropped', async () => {
      for (let i = 0; i < 3; i += 1) await harness.text(PERSON, 'hi');
      const before = harness.twilio.sent.length;
      await Promise.all(
        ['x', 'y', 'he has a knife', 'z', 'w'].map((body) => harness.post(inbound(PERSON, body))),
      );
      await harness.idle();
      const replies = harness.twilio.sent.slice(before).map((call) => call.form.Body ?? '');
      const slowDown = replies.filter((body) => body.includes('very fast'));
      const emergency = replies.filter((body) => /^If you're in danger now, call 999/.test(body));
      expect(slowDown).to.have.length(1);
      expect(slowDown[0]).to.include('999');
      expect(emergency).to.have.length(1);
      expect(replies).to.have.length(2);
    });
  });

  describe('Twilio API failures', () => {
    beforeEach(async () => {
      harness = await new SmsHarness().start({ SMS_RATE_MESSAGES: '100' });
    });

    it('retries a failed or timed-out send, within a bound, and sends each reply once', async () => {
      harness.twilio.next.push({ kind: 'fail', status: 500, code: 20500 }, { kind: 'hang' });
      const replies = await harness.text(PERSON, 'hi');
      expect(replies).to.have.length(2);
      const creates = harness.twilio.calls.filter((call) => call.method === 'POST');
      expect(creates).to.have.length(4); // 2 failed tries of the greeting, then both messages
      expect(creates[0]?.form.Body).to.equal(creates[2]?.form.Body);
      expect(harness.logs.filter((line) => line.includes('sms-send-retried'))).to.have.length(2);
    });

    it('gives up after the bound, logs no number or text, and keeps the conversation state', async () => {
      await harness.text(PERSON, 'hi');
      harness.twilio.next.push(
        ...Array.from({ length: 3 }, () => ({ kind: 'fail' as const, status: 503, code: 20503 })),
      );
      expect(await harness.text(PERSON, '1')).to.deep.equal([]);
      const failed = harness.logs.filter((line) => line.includes('sms-send-failed'));
      expect(failed).to.have.length(1);
      expect(failed[0]).to.include('"status":503');
      expect(harness.logs.join('\n')).to.not.include('7700900');
      // The turn's state was saved before sending: the next text answers the next question.
      expect((await harness.text(PERSON, '1'))[0]).to.match(/^Who are you looking for/);
    });

    it('stops quietly at error 21610 (the number opted out at Twilio)', async () => {
      harness.twilio.next.push({ kind: 'fail', status: 400, code: 21610 });
      expect(await harness.text(PERSON, 'hi')).to.deep.equal([]);
      expect(harness.twilio.calls).to.have.length(1); // no retry, no second message
      expect(harness.logs.some((line) => line.includes('sms-opted-out-at-twilio'))).to.equal(true);
      expect(harness.logs.some((line) => line.includes('sms-send-failed'))).to.equal(false);
    });
  });

  describe('privacy options', () => {
    beforeEach(async () => {
      harness = await new SmsHarness().start({
        SMS_DELETE_AFTER_SEND: 'true',
        SMS_CONTENT_RETENTION: 'discard',
        SMS_ADDRESS_RETENTION: 'obfuscate',
      });
    });

    it('asks Twilio to discard content and obfuscate the address, and deletes delivered records', async () => {
      const params = inbound(PERSON, 'hi');
      await harness.post(params);
      await harness.idle();
      const [greeting] = harness.twilio.sent;
      expect(greeting?.form).to.include({
        ContentRetention: 'discard',
        AddressRetention: 'obfuscate',
        StatusCallback: `${PUBLIC_URL}/api/sms/status`,
      });
      const delivered = await harness.post(
        { MessageSid: 'SM00000000000000000000000000000001', MessageStatus: 'delivered' },
        { path: '/api/sms/status' },
      );
      expect(delivered.status).to.equal(204);
      const deletes = () => harness.twilio.calls.filter((call) => call.method === 'DELETE');
      await harness.twilio.waitFor(() => deletes().length >= 2, 'both deletes');
      expect(
        deletes()
          .map((call) => call.path)
          .sort(),
      ).to.deep.equal(
        [
          `/2010-04-01/Accounts/${greeting?.user}/Messages/${params.MessageSid}.json`,
          `/2010-04-01/Accounts/${greeting?.user}/Messages/SM00000000000000000000000000000001.json`,
        ].sort(),
      );
    });
  });

  describe('settings', () => {
    it('refuse a TWILIO_API_BASE_URL off this machine, and half-configured SMS', () => {
      harness = { stop: () => Promise.resolve() } as unknown as SmsHarness;
      const base = {
        PUBLIC_URL,
        TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: 'token',
        TWILIO_FROM: '+447700900001',
        SMS_KEY: 'k'.repeat(32),
      };
      expect(() =>
        loadSettings({ ...base, TWILIO_API_BASE_URL: 'https://api.example.com' }),
      ).to.throw(/TWILIO_API_BASE_URL/);
      expect(() => loadSettings({ ...base, TWILIO_API_BASE_URL: 'http://10.0.0.1:8080' })).to.throw(
        /TWILIO_API_BASE_URL/,
      );
      expect(
        loadSettings({ ...base, TWILIO_API_BASE_URL: 'http://127.0.0.1:9' }).sms?.apiBaseUrl,
      ).to.equal('http://127.0.0.1:9');
      expect(() => loadSettings({ ...base, SMS_KEY: '' })).to.throw(/SMS_KEY/);
      expect(() => loadSettings({ ...base, PUBLIC_URL: '' })).to.throw(/PUBLIC_URL/);
      expect(() => loadSettings({ ...base, TWILIO_FROM: '' })).to.throw(
        /TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID/,
      );
      expect(loadSettings({}).sms).to.equal(undefined);
    });
  });
});
