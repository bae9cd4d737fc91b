import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadContent } from '../../src/content/loadContent.js';
import { createUrgencyDetector } from '../../src/understanding/detectUrgency.js';

const caseSchema = z.array(
  z.object({
    text: z.string(),
    level: z.enum(['emergency', 'urgent', 'routine']),
    selfHarm: z.boolean().optional(),
    strangulation: z.boolean().optional(),
  }),
);

const cases = caseSchema.parse(parse(readFileSync('test/urgency/cases.yml', 'utf8')));
const detector = createUrgencyDetector(loadContent());

describe('urgency detection (test/urgency/cases.yml)', () => {
  it('has at least 100 phrasings across all three levels', () => {
    expect(cases.length).to.be.at.least(100);
    for (const level of ['emergency', 'urgent', 'routine']) {
      expect(cases.filter((c) => c.level === level).length).to.be.at.least(20);
    }
  });

  for (const testCase of cases) {
    it(`${testCase.level}: ${testCase.text}`, () => {
      const result = detector.detect(testCase.text);
      expect(result.level, `categories: ${result.categories.join(', ')}`).to.equal(testCase.level);
      if (testCase.selfHarm !== undefined) expect(result.ownLife).to.equal(testCase.selfHarm);
      // Checked at every level: the emergency cases of strangulation count too.
      if (testCase.strangulation !== undefined) {
        expect(result.strangulation, 'strangulation').to.equal(testCase.strangulation);
      }
    });
  }

  it('reads only the start of a very long message, and still finds danger there', () => {
    const result = detector.detect(`he has a knife ${'a'.repeat(50_000)}`);
    expect(result.level).to.equal('emergency');
  });

  it('survives control characters and markup', () => {
    const result = detector.detect('\u0000\u0007<script>alert(1)</script> he is outside');
    expect(result.level).to.equal('emergency');
  });
});
