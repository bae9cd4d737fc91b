import { expect } from 'chai';
import { findPhoneNumbers, telHref } from '../../widget/phoneLinks.js';

describe('widget: phone numbers in bot messages', () => {
  const phones = (text: string) =>
    findPhoneNumbers(text)
      .filter((part) => part.phone)
      .map((part) => part.text);

  it('finds the numbers the content writes, as written', () => {
    expect(phones("If you're in danger now, call 999.")).to.deep.equal(['999']);
    expect(phones('Samaritans 116 123, text SHOUT to 85258, or NHS 111. Any time.')).to.deep.equal([
      '116 123',
      '111',
    ]);
    expect(phones('Call 0808 2000 247 or 01702 302333; Relay UK 18000')).to.deep.equal([
      '0808 2000 247',
      '01702 302333',
      '18000',
    ]);
  });

  it('leaves short codes for texting, and numbers inside longer numbers, alone', () => {
    expect(phones('text SHOUT to 85258')).to.deep.equal([]);
    expect(phones('reference 19990 or 29999')).to.deep.equal([]);
  });

  it('keeps every other character of the text, in order', () => {
    const text = 'Call 999, then 0808 2000 247.';
    expect(
      findPhoneNumbers(text)
        .map((part) => part.text)
        .join(''),
    ).to.equal(text);
  });

  it('dials the digits only', () => {
    expect(telHref('0808 2000 247')).to.equal('tel:08082000247');
    expect(telHref('999')).to.equal('tel:999');
  });
});
