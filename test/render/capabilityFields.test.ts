import { expect } from 'chai';
import {
  capabilitiesOf,
  type ChannelCapabilities,
} from '../../src/channels/render/channelCapabilities.js';
import { isMessage, type OutgoingMessage } from '../../src/channels/render/outgoingActivity.js';
import { renderRepliesFor } from '../../src/channels/render/renderReplies.js';
import type { Reply } from '../../src/engine/types.js';

/** A reply with a bit of everything: markdown characters, a service, a link and choices. */
const reply: Reply = {
  step: 'lgbt',
  urgency: 'routine',
  text: 'Support for LGBT+ people.\nIn an emergency, call 999.',
  services: [
    {
      id: 'galop',
      name: 'Galop',
      summary: 'A national LGBT+ anti-abuse charity.',
      offers: [
        {
          id: 'helpline',
          text: 'Helpline',
          contacts: [
            { kind: 'phone', label: 'Call', value: '0800 999 5428', href: 'tel:08009995428' },
          ],
        },
      ],
    },
  ],
  signposted: ['galop'],
  choices: [
    { value: 'start-over', label: 'Start over' },
    { value: 'more', label: 'Something else' },
    { value: 'exit', label: 'End chat' },
  ],
  links: [{ label: 'Privacy notice', url: '/privacy' }],
};
const options = { contentVersion: 'v1', linkBase: 'https://bot.example.org' };

const render = (capabilities: ChannelCapabilities): OutgoingMessage[] =>
  renderRepliesFor([reply], capabilities, options).filter(isMessage);
const only = (capabilities: ChannelCapabilities): OutgoingMessage => {
  const messages = render(capabilities);
  expect(messages).to.have.length(1);
  return messages[0] as OutgoingMessage;
};
const contentTypes = (message: OutgoingMessage) =>
  (message.attachments ?? []).map((attachment) => attachment.contentType);
const numbered = /\n1\. Start over\n2\. Something else\n3\. End chat$/;

const web = capabilitiesOf('webchat');
const teams = capabilitiesOf('msteams');
const sms = capabilitiesOf('sms');

describe('the capability table: every field changes the render', () => {
  it('has a row per channel, and the web, Teams and SMS rows differ as their clients do', () => {
    expect(only(web).suggestedActions?.actions).to.have.length(3);
    expect(contentTypes(only(teams))).to.deep.equal([
      'application/vnd.microsoft.card.adaptive',
      'application/vnd.microsoft.card.adaptive',
    ]);
    expect(render(sms)[0]?.text).to.include('Reply 1 for Start over');
    expect(capabilitiesOf('directline')).to.equal(web);
    expect(capabilitiesOf('twilio')).to.equal(sms);
  });

  it('choices: suggested actions, card buttons, or a numbered list', () => {
    expect(only(web).suggestedActions?.actions.map((action) => action.title)).to.deep.equal([
      'Start over',
      'Something else',
      'End chat',
    ]);
    const carded = only({ ...web, choices: 'card-buttons' });
    expect(carded.suggestedActions).to.equal(undefined);
    expect(contentTypes(carded)).to.deep.equal([
      'application/vnd.microsoft.card.hero',
      'application/vnd.microsoft.card.hero',
    ]);
    const listed = only({ ...web, choices: 'numbered-list', markdown: false });
    expect(listed.suggestedActions).to.equal(undefined);
    expect(listed.text).to.match(numbered);
  });

  it('maxButtons: more choices than buttons are numbered in the text instead', () => {
    const listed = only({ ...web, maxButtons: 2, markdown: false });
    expect(listed.suggestedActions).to.equal(undefined);
    expect(listed.text).to.match(numbered);
    const teamsListed = only({ ...teams, maxButtons: 2 });
    expect(contentTypes(teamsListed)).to.deep.equal(['application/vnd.microsoft.card.adaptive']);
    expect(teamsListed.text).to.match(numbered);
  });

  it('maxButtonTitle: a label longer than a button allows numbers the choices', () => {
    expect(only({ ...web, maxButtonTitle: 14 }).suggestedActions?.actions).to.have.length(3);
    const listed = only({ ...web, maxButtonTitle: 13, markdown: false });
    expect(listed.suggestedActions).to.equal(undefined);
    expect(listed.text).to.match(numbered);
  });

  it('cards: services as hero cards with call buttons, or written out with their numbers', () => {
    expect(contentTypes(only(web))).to.deep.equal(['application/vnd.microsoft.card.hero']);
    expect(only(web).text).not.to.include('0800 999 5428');
    const written = only({ ...web, cards: false });
    expect(written.attachments).to.equal(undefined);
    expect(written.text).to.include('Galop').and.to.include('Call: 0800 999 5428');
    expect(written.channelData.signpost.services).to.deep.equal(['galop']);
  });

  it('adaptiveCards: services and card-button choices as Adaptive Cards, before hero cards', () => {
    const adaptive = only({ ...web, adaptiveCards: true, choices: 'card-buttons' });
    expect(contentTypes(adaptive)).to.deep.equal([
      'application/vnd.microsoft.card.adaptive',
      'application/vnd.microsoft.card.adaptive',
    ]);
    expect(contentTypes(only({ ...teams, adaptiveCards: false }))).to.deep.equal([
      'application/vnd.microsoft.card.hero',
      'application/vnd.microsoft.card.hero',
    ]);
  });

  it('markdown: escaped markdown with links as [label](url), or plain text with "label: url"', () => {
    const marked = only(web);
    expect(marked.textFormat).to.equal('markdown');
    expect(marked.text).to.include('LGBT\\+');
    expect(marked.text).to.include('[Privacy notice](https://bot.example.org/privacy)');
    const plain = only({ ...web, markdown: false });
    expect(plain.textFormat).to.equal('plain');
    expect(plain.text).to.include('LGBT+ people');
    expect(plain.text).to.include('Privacy notice: https://bot.example.org/privacy');
  });

  it('budget in characters: a longer reply becomes several messages, buttons on the last', () => {
    const split = render({ ...web, cards: false, budget: { unit: 'characters', max: 60 } });
    expect(split.length).to.be.greaterThan(1);
    for (const message of split) {
      expect(message.text.length).to.be.at.most(60);
      expect(message.channelData.signpost.step).to.equal('lgbt');
    }
    expect(split.slice(0, -1).every((message) => !message.suggestedActions)).to.equal(true);
    expect(split.at(-1)?.suggestedActions?.actions).to.have.length(3);
    // The service's id goes with each message that shows a line of it, and with no other.
    const galopLines = /Galop|anti-abuse|Helpline|0800 999 5428/;
    for (const message of split) {
      expect(message.channelData.signpost.services, message.text).to.deep.equal(
        galopLines.test(message.text) ? ['galop'] : [],
      );
    }
    expect(split.some((message) => !galopLines.test(message.text))).to.equal(true);
    expect(split.map((message) => message.text).join('\n')).to.include('Call: 0800 999 5428');
  });

  it('budget in characters, plain text: split at the lines of the reply, never mid-line', () => {
    const split = render({ ...web, markdown: false, budget: { unit: 'characters', max: 30 } });
    expect(split.map((message) => message.text).slice(0, 2)).to.deep.equal([
      'Support for LGBT+ people.',
      'In an emergency, call 999.',
    ]);
    for (const message of split) expect(message.text.length).to.be.at.most(30);
  });

  it('budget in characters: every part of a split emergency reply or signpost carries 999', () => {
    const emergency: Reply = {
      ...reply,
      step: 'emergency',
      urgency: 'emergency',
      services: [],
      signposted: [],
      links: [],
      text: [
        "If you're in danger now, call 999.",
        "If you can't speak, call 999 and listen.",
        'To leave at once, type exit.',
      ].join('\n'),
    };
    for (const [given, max] of [
      [emergency, 80],
      [reply, 90],
    ] as const) {
      for (const markdown of [true, false]) {
        const row: ChannelCapabilities = {
          ...web,
          cards: false,
          markdown,
          budget: { unit: 'characters', max },
        };
        const parts = renderRepliesFor([given], row, options).filter(isMessage);
        expect(parts.length, `${given.step}, markdown ${String(markdown)}`).to.be.greaterThan(1);
        for (const part of parts) {
          expect(part.text, given.step).to.match(/\b999\b/);
          expect(part.text.length).to.be.at.most(max);
        }
      }
    }
  });

  it('budget in segments: SMS, in as many texts as the number of segments allows', () => {
    const three = render(sms);
    const one = render({ ...sms, budget: { unit: 'segments', max: 1 } });
    expect(one.length).to.be.greaterThan(three.length);
    const asText = only({ ...sms, budget: { unit: 'characters', max: 4_000 } });
    expect(asText.text).to.match(numbered);
    expect(asText.text).not.to.include('Reply 1 for');
  });
});
