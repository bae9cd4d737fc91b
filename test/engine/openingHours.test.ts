import { expect } from 'chai';
import { describeHours, isOpenNow, londonTime } from '../../src/engine/openingHours.js';
import type { Hours } from '../../src/content/schema/serviceSchema.js';

const weekdays: Hours = {
  value: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
  bankHolidays: 'closed',
  source: 'test',
  checked: '2026-11-25',
  status: 'unverified',
};
const wording = {
  always: 'Open 24 hours.',
  openNow: 'Open now.',
  closedNow: 'Closed now.',
  unknown: 'Check.',
};
const none = new Set<string>();

describe('opening hours in Europe/London time', () => {
  it('uses London time in winter (GMT) and summer (BST)', () => {
    expect(londonTime(new Date('2026-01-14T08:30:00Z'))).to.include({
      day: 'wed',
      minutes: 8 * 60 + 30,
    });
    expect(londonTime(new Date('2026-07-15T08:30:00Z'))).to.include({
      day: 'wed',
      minutes: 9 * 60 + 30,
    });
  });

  it('is open inside a window and closed outside it', () => {
    expect(isOpenNow(weekdays, new Date('2026-07-15T08:30:00Z'), none)).to.equal(true); // 09:30 BST
    expect(isOpenNow(weekdays, new Date('2026-01-14T08:30:00Z'), none)).to.equal(false); // 08:30 GMT
    expect(isOpenNow(weekdays, new Date('2026-11-28T12:00:00Z'), none)).to.equal(false); // Saturday
  });

  it('allows for bank holidays', () => {
    const christmas = new Date('2026-12-25T12:00:00Z');
    expect(isOpenNow(weekdays, christmas, new Set(['2026-12-25']))).to.equal(false);
    expect(
      isOpenNow({ ...weekdays, bankHolidays: 'unknown' }, christmas, new Set(['2026-12-25'])),
    ).to.equal(undefined);
    expect(
      isOpenNow({ ...weekdays, value: 'always' }, christmas, new Set(['2026-12-25'])),
    ).to.equal(true);
  });

  it('describes hours in one short line', () => {
    expect(describeHours(weekdays, new Date('2026-11-25T12:00:00Z'), none, wording)).to.equal(
      'Mon–Fri 9am–5pm. Open now.',
    );
    expect(describeHours({ ...weekdays, value: 'always' }, new Date(), none, wording)).to.equal(
      'Open 24 hours.',
    );
  });
});
