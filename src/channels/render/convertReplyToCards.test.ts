import { expect } from 'chai';
import type { Reply } from '../../engine/types.js';
import { capabilitiesOf } from './channelCapabilities.js';
import { convertReplyToCards, escapeMarkdown } from './convertReplyToCards.js';

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

describe('convertReplyToCards (Web Chat and Teams)', () => {
  it('renders a service as a hero card with call (tel:) and website buttons, without repeats', () => {
    const activity = convertReplyToCards(reply, capabilitiesOf('webchat'), options);
    const card = activity.attachments?.[0]?.content;
    expect(card?.title).to.equal("Women's Aid");
    expect(card?.buttons?.map((b) => b.value)).to.deep.equal([
      'https://womensaid.org.uk',
      'tel:08082000247',
    ]);
  });

  it('shows choices as suggested actions on the web and as card buttons in Teams', () => {
    const web = convertReplyToCards(reply, capabilitiesOf('webchat'), options);
    expect(web.suggestedActions?.actions.map((a) => a.title)).to.deep.equal(['Start over']);
    const teams = convertReplyToCards(reply, capabilitiesOf('msteams'), options);
    expect(teams.suggestedActions).to.equal(undefined);
    expect(teams.attachments?.at(-1)?.content.buttons?.[0]).to.include({
      type: 'imBack',
      value: 'Start over',
    });
  });

  it('escapes markdown so content can never turn into markup', () => {
    expect(escapeMarkdown('<b>[x](javascript:1)</b>')).to.equal(
      '\\<b\\>\\[x\\]\\(javascript:1\\)\\</b\\>',
    );
  });
});
