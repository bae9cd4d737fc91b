import { expect } from 'chai';
import { isDirectLoopback } from '../../src/server/isDirectLoopback.js';

describe('isDirectLoopback', () => {
  const cases: [string | undefined, Record<string, string>, boolean][] = [
    ['127.0.0.1', {}, true],
    ['127.10.20.30', {}, true],
    ['::1', {}, true],
    ['::ffff:127.0.0.1', {}, true],
    ['10.0.0.5', {}, false],
    ['192.168.1.2', {}, false],
    ['::ffff:10.0.0.5', {}, false],
    ['fe80::1', {}, false],
    ['1127.0.0.1', {}, false],
    [undefined, {}, false],
    ['127.0.0.1', { 'x-forwarded-for': '203.0.113.1' }, false],
    ['127.0.0.1', { forwarded: 'for=203.0.113.1' }, false],
    // Issue 6, defect 7: any proxy header means the request came through something.
    ['127.0.0.1', { 'x-real-ip': '203.0.113.1' }, false],
    ['127.0.0.1', { 'x-forwarded-host': 'bot.example.org' }, false],
    ['127.0.0.1', { 'x-forwarded-proto': 'https' }, false],
    ['127.0.0.1', { 'cf-connecting-ip': '203.0.113.1' }, false],
    ['127.0.0.1', { 'true-client-ip': '203.0.113.1' }, false],
    ['127.0.0.1', { via: '1.1 proxy' }, false],
  ];
  for (const [address, headers, expected] of cases) {
    it(`${address ?? '(none)'} ${JSON.stringify(headers)} → ${expected}`, () => {
      expect(isDirectLoopback(address, headers)).to.equal(expected);
    });
  }
});
