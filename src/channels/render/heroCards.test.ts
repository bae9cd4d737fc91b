import { expect } from 'chai';
import type { Reply, ServiceView } from '../../engine/types.js';
import { capabilitiesOf } from './channelCapabilities.js';
import { convertReply } from './convertReply.js';
import { escapeMarkdown, heroServiceCard } from './heroCards.js';

const reply: Reply = {
  step: 'women',
  urgency: 'routine',
  text: 'Here is support for women.\nIn an emergency, call 999.',
  services: [
    {
      id: 'womens-aid',
      name: "Women's Aid",
      summary: 'A national charity.',
      offers: [
        {
          id: 'live-chat',
          text: 'Live chat',
          contacts: [
            {
              kind: 'website',
              label: 'Website',
              value: 'womensaid.org.uk',
              href: 'https://womensaid.org.uk',
            },
          ],
        },
        {
          id: 'directory',
          text: 'Directory',
          contacts: [
            {
              kind: 'website',
              label: 'Website',
              value: 'womensaid.org.uk',
              href: 'https://womensaid.org.uk',
            },
            { kind: 'phone', label: 'Call', value: '0808 2000 247', href: 'tel:08082000247' },
          ],
        },
      ],
    },
  ],
  signposted: ['womens-aid'],
  choices: [{ value: 'start-over', label: 'Start over' }],
  links: [],
};
const options = { contentVersion: 'v1', linkBase: 'http://localhost:3978' };

describe('hero cards and suggested actions (Web Chat)', () => {
  it('names a number once on a button whose label already holds it, and adds it otherwise', () => {
    const service = reply.services[0] as ServiceView;
    const offer = service.offers[0];
    if (!offer) throw new Error('the fixture has an offer');
    const shout = {
      kind: 'text' as const,
      label: 'Text SHOUT to 85258',
      value: '85258',
      href: 'sms:85258',
    };
    const card = heroServiceCard({
      ...service,
      offers: [{ ...offer, contacts: [shout, ...offer.contacts] }, ...service.offers.slice(1)],
    });
    expect(card.content.buttons?.map((b) => b.title)).to.deep.equal([
      'Text SHOUT to 85258',
      'Website womensaid.org.uk',
      'Call 0808 2000 247',
    ]);
  });

  it('renders a service as a hero card with call (tel:) and website buttons, without repeats', () => {
    const card = heroServiceCard(reply.services[0] as ServiceView).content;
    expect(card.title).to.equal("Women's Aid");
    expect(card.buttons?.map((b) => b.value)).to.deep.equal([
      'https://womensaid.org.uk',
      'tel:08082000247',
    ]);
  });

  it('shows choices as suggested actions on the web, and as hero card buttons where chosen', () => {
    const [web] = convertReply(reply, capabilitiesOf('webchat'), options);
    expect(web?.suggestedActions?.actions.map((a) => a.title)).to.deep.equal(['Start over']);
    const buttons = { ...capabilitiesOf('webchat'), choices: 'card-buttons' as const };
    const [carded] = convertReply(reply, buttons, options);
    expect(carded?.suggestedActions).to.equal(undefined);
    expect(carded?.attachments?.at(-1)?.content).to.deep.include({
      buttons: [{ type: 'imBack', title: 'Start over', value: 'Start over' }],
    });
  });

  it('escapes markdown so content can never turn into markup', () => {
    expect(escapeMarkdown('<b>[x](javascript:1)</b>')).to.equal(
      '\\<b\\>\\[x\\]\\(javascript:1\\)\\</b\\>',
    );
  });
});
