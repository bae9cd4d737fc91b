import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import { addSignoff, parseSignoffs, signoffOf } from '../../src/review/signoffs.js';
import { disk } from './support.js';

describe('sign-off record (content/signoffs.yml)', () => {
  it('records who signed off which content version, and when, keeping the file readable', () => {
    const version = loadContent(disk).version;
    const text = addSignoff('', { version, by: 'Sam Lee, Safeguarding Lead', date: '2026-12-01' });
    const signed = signoffOf(parseSignoffs(text), version);
    expect(signed).to.deep.equal({ version, by: 'Sam Lee, Safeguarding Lead', date: '2026-12-01' });
    const again = addSignoff(text, { version, by: 'Ana Díaz, CEO', date: '2026-12-02', paths: 3 });
    expect(parseSignoffs(again)).to.have.length(2);
    expect(signoffOf(parseSignoffs(again), version)?.by).to.equal('Ana Díaz, CEO');
    expect(again).to.include('# Who signed off');
  });

  it('reads a changed content version as unsigned', () => {
    const signedVersion = loadContent(disk).version;
    const record = parseSignoffs(
      addSignoff('', {
        version: signedVersion,
        by: 'Sam Lee, Safeguarding Lead',
        date: '2026-12-01',
      }),
    );
    // Any change to a content file gives another version, which nobody has signed.
    const changed = loadContent((path) =>
      path === 'content/wording.yml'
        ? disk(path).replace(
            'privacyLinkLabel: Privacy notice',
            'privacyLinkLabel: Our privacy notice',
          )
        : disk(path),
    );
    expect(changed.version).not.to.equal(signedVersion);
    expect(signoffOf(record, changed.version)).to.equal(undefined);
    expect(signoffOf(record, signedVersion)).not.to.equal(undefined);
  });

  it('refuses a record that is not valid, naming the file', () => {
    expect(() => parseSignoffs('signoffs:\n  - version: nothex\n')).to.throw(
      /content\/signoffs\.yml/,
    );
  });
});
