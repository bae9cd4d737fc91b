import { expect } from 'chai';
import type { Reply } from '../../engine/types.js';
import { capabilitiesOf } from './channelCapabilities.js';
import { convertReply } from './convertReply.js';

const reply: Reply = {
  step: 'southend',
  urgency: 'urgent',
  text: 'Support in Southend.\nIn an emergency, call 999.',
  services: [
    {
      id: 'sos-domestic-abuse-projects',
      name: 'SOS Domestic Abuse Projects',
      summary: 'A local charity.',
      offers: [
        {
          id: 'crisis',
          text: 'Crisis support',
          contacts: [
            { kind: 'phone', label: 'Call', value: '01702 302333', href: 'tel:01702302333' },
          ],
          hours: 'Open now.',
        },
      ],
    },
  ],
  signposted: ['sos-domestic-abuse-projects'],
  choices: [
    { value: 'start-over', label: 'Start over' },
    { value: 'exit', label: 'Close this chat' },
  ],
  links: [{ label: 'Privacy notice', url: '/privacy' }],
};

describe('convertReply on a plain-text channel (no cards, no buttons)', () => {
  const [activity] = convertReply(reply, capabilitiesOf('a-channel-we-do-not-know'), {
    contentVersion: 'abc123',
    linkBase: 'https://bot.example.org',
  });

  it('writes services out as text, with numbers people can dial', () => {
    expect(activity?.textFormat).to.equal('plain');
    expect(activity?.text).to.include('SOS Domestic Abuse Projects');
    expect(activity?.text).to.include('Call: 01702 302333');
    expect(activity?.text).to.include('Open now.');
    expect(activity?.attachments).to.equal(undefined);
  });

  it('numbers the choices so a reply of "1" or "2" works', () => {
    expect(activity?.text).to.match(/\n1\. Start over\n2\. Close this chat$/);
    expect(activity?.suggestedActions).to.equal(undefined);
  });

  it('makes links absolute and carries the signpost', () => {
    expect(activity?.text).to.include('Privacy notice: https://bot.example.org/privacy');
    expect(activity?.channelData.signpost).to.deep.equal({
      urgency: 'urgent',
      step: 'southend',
      services: ['sos-domestic-abuse-projects'],
      contentVersion: 'abc123',
    });
  });
});
