import { expect } from 'chai';
import type { Reply, ServiceView } from '../../engine/types.js';
import { convertReplyToSms } from './convertReplyToSms.js';
import { readSmsKeyword } from './smsKeywords.js';
import { countSegments, normaliseForGsm } from './smsText.js';

const options = { contentVersion: 'v1', linkBase: 'https://bot.example.org' };
const limits = { maxSegments: 3 };

function service(id: string, words: number): ServiceView {
  return {
    id,
    name: `Service ${id}`,
    summary: `A service that ${'helps people '.repeat(words)}`.trim(),
    offers: [
      {
        id: 'line',
        text: 'A helpline',
        contacts: [
          { kind: 'phone', label: 'Call', value: '0808 000 0000', href: 'tel:08080000000' },
          { kind: 'website', label: 'Website', value: 'example.org', href: 'https://example.org' },
        ],
        hours: 'Mon–Fri 9am–5pm. Open now.',
      },
    ],
  };
}

function reply(extra: Partial<Reply>): Reply {
  return {
    step: 'women',
    urgency: 'routine',
    text: 'Here is support.\nIn an emergency, call 999.',
    services: [],
    signposted: [],
    choices: [],
    links: [],
    ...extra,
  };
}

describe('convertReplyToSms', () => {
  it('numbers choices as "Reply 1 for …", one a line', () => {
    const [message] = convertReplyToSms(
      reply({
        text: 'Are you safe right now?',
        choices: [
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ],
      }),
      limits,
      options,
    );
    expect(message?.text).to.equal('Are you safe right now?\nReply 1 for Yes\n2 for No');
    expect(message?.textFormat).to.equal('plain');
  });

  it('keeps the emergency reply to its lines, with the choices on the last one', () => {
    const [message] = convertReplyToSms(
      reply({
        urgency: 'emergency',
        step: 'emergency',
        text: 'Call 999.\nText EXIT to stop.',
        choices: [
          { value: 'more-ways', label: 'More' },
          { value: 'carry-on', label: 'Carry on' },
        ],
      }),
      limits,
      options,
    );
    expect(message?.text).to.equal(
      'Call 999.\nText EXIT to stop. Reply 1 for More, 2 for Carry on.',
    );
  });

  it('writes a service out as short text with its number, in GSM-7', () => {
    const [message] = convertReplyToSms(
      reply({ services: [service('a', 2)], signposted: ['a'] }),
      limits,
      options,
    );
    expect(message?.text).to.include('Service a\n');
    expect(message?.text).to.include(
      '- A helpline: Call 0808 000 0000, example.org. Mon-Fri 9am-5pm. Open now.',
    );
    expect(countSegments(message?.text ?? '').encoding).to.equal('GSM-7');
    expect(message?.channelData.signpost.services).to.deep.equal(['a']);
  });

  it('splits a long signpost into messages of at most 3 segments, each with 999 and its own services', () => {
    const services = [service('a', 20), service('b', 20), service('c', 20)];
    const messages = convertReplyToSms(
      reply({
        services,
        signposted: ['a', 'b', 'c'],
        choices: [{ value: 'start-over', label: 'Start over' }],
      }),
      limits,
      options,
    );
    expect(messages.length).to.be.greaterThan(1);
    for (const message of messages) {
      expect(countSegments(message.text).segments).to.be.at.most(3);
      expect(message.text).to.match(/\b999\b/);
    }
    expect(messages.flatMap((m) => m.channelData.signpost.services)).to.deep.equal(['a', 'b', 'c']);
    expect(messages.at(-1)?.text).to.match(/Reply 1 for Start over$/);
  });

  it('shortens a service that cannot fit in a message of its own, keeping its number', () => {
    const [, message] = convertReplyToSms(
      reply({ services: [service('a', 60)], signposted: ['a'] }),
      limits,
      options,
    );
    const text = message?.text ?? '';
    expect(countSegments(text).segments).to.be.at.most(3);
    expect(text).to.include('Call 0808 000 0000');
    expect(text).to.not.include('helps people helps');
  });

  it('makes curly quotes, dashes and ellipses GSM-7, but keeps Welsh ŵ and ŷ (counted as UCS-2)', () => {
    expect(normaliseForGsm('“It’s – fine…”')).to.equal('"It\'s - fine..."');
    const welsh = normaliseForGsm(
      'Mae cymorth ar gael i chi heddiw. Ffoniwch 999 os ydych mewn perygl nawr. Dŵr, tŷ.',
    );
    expect(welsh).to.include('Dŵr, tŷ');
    expect(countSegments(welsh)).to.include({ encoding: 'UCS-2', segments: 2 });
  });
});

describe('readSmsKeyword', () => {
  it("reads Twilio's opt-out words and START, as whole messages only", () => {
    for (const word of ['STOP', 'stopall', ' Unsubscribe ', 'END', 'cancel', 'quit!']) {
      expect(readSmsKeyword(word), word).to.equal('stop');
    }
    expect(readSmsKeyword('start')).to.equal('start');
    expect(readSmsKeyword('UNSTOP')).to.equal('start');
    expect(readSmsKeyword('stop hitting me')).to.equal(undefined);
    expect(readSmsKeyword('yes')).to.equal(undefined);
    expect(readSmsKeyword('yes', 'START')).to.equal(undefined);
    expect(readSmsKeyword('whatever', 'STOP')).to.equal('stop');
  });
});
