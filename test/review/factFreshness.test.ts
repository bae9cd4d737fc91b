import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import { checkContent } from '../../src/review/contentCheck.js';
import { freshnessReport, freshnessSummary } from '../../src/review/factFreshness.js';
import { disk } from './support.js';

const TODAY = new Date('2026-12-02T09:00:00Z');

/** The real content with the first two service facts last checked on the given days. */
function servicesCheckedOn(first: string, second: string) {
  let seen = 0;
  const services = disk('content/services.yml').replace(/checked: 2026-11-25/g, (match) => {
    seen += 1;
    return seen === 1 ? `checked: ${first}` : seen === 2 ? `checked: ${second}` : match;
  });
  return (path: string) => (path === 'content/services.yml' ? services : disk(path));
}

describe('facts last checked over six months ago', () => {
  it('lists exactly the facts checked before the day six months back, oldest first', () => {
    const read = servicesCheckedOn('2026-06-01', '2026-06-02');
    const report = freshnessReport(loadContent(read), TODAY);
    expect(report.cutoff).to.equal('2026-06-02');
    // 2026-06-01 is over six months before 2026-12-02; 2026-06-02 is exactly six months.
    expect(report.stale.map((fact) => [fact.file, fact.checked])).to.deep.equal([
      ['content/services.yml', '2026-06-01'],
    ]);
    expect(report.oldest).to.equal('2026-06-01');
    expect(freshnessSummary(report)).to.match(
      /^1 of \d+ facts were last checked before 2026-06-02/,
    );
  });

  it('warns in content:check, naming the file and the path of the stale fact', () => {
    const read = servicesCheckedOn('2025-01-31', '2026-11-25');
    const result = checkContent(read, TODAY);
    const stale = result.warnings.filter((warning) => warning.rule === 'stale');
    expect(stale).to.have.length(1);
    expect(stale[0]?.file).to.equal('content/services.yml');
    expect(stale[0]?.path).to.match(/^services\[0\]\./);
    expect(stale[0]?.message).to.include('last checked 2025-01-31');
    expect(result.errors).to.deep.equal([]);
  });
});
