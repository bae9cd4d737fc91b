import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadContent } from '../../src/content/loadContent.js';
import { FEATURE_CODE_HASH } from '../../src/understanding/featureCodeHash.js';
import { semanticModelSource } from '../../src/understanding/detectUrgency.js';
import { modelSourceHash } from '../../src/understanding/semanticModel.js';
import { featureCodeHash, UNDERSTANDING } from '../support/featureCode.js';

describe('the semantic model is stale when the code that reads features changes', () => {
  const real = featureCodeHash();

  it('FEATURE_CODE_HASH is the hash of the feature code as it is now', () => {
    expect(
      FEATURE_CODE_HASH,
      `The code that reads messages into the semantic layer's features (${real.files.join(', ')} ` +
        `in ${UNDERSTANDING}, or the wink packages) has changed, so a model built before is ` +
        `stale. Set FEATURE_CODE_HASH in src/understanding/featureCodeHash.ts to '${real.hash}'.`,
    ).to.equal(real.hash);
  });

  it('covers the modules that read features and train, and not the hash file', () => {
    for (const file of [
      'semanticLayer.ts',
      'semanticModel.ts',
      'readClauses.ts',
      'readTokens.ts',
      'linguisticLayer.ts',
      'conceptMatcher.ts',
      'normaliseText.ts',
    ]) {
      expect(real.files).to.include(file);
    }
    expect(real.files).not.to.include('featureCodeHash.ts');
  });

  it('changes with a change of code, and not with a change of comments or layout', () => {
    const source = (file: string) => readFileSync(join(UNDERSTANDING, file), 'utf8');
    const edited = (file: string, change: (text: string) => string) =>
      featureCodeHash((name) => (name === file ? change(source(name)) : source(name))).hash;
    expect(edited('semanticLayer.ts', (text) => `${text}\nexport const extra = 1;\n`)).not.to.equal(
      real.hash,
    );
    expect(edited('readClauses.ts', (text) => `// a note\n${text}\n\n/* more */\n`)).to.equal(
      real.hash,
    );
  });

  it('is part of the model source hash, beside the content', () => {
    const content = loadContent();
    const parts = [content.urgencyExamples, content.urgencyConcepts, content.urgency];
    expect(semanticModelSource(content)).to.equal(modelSourceHash(parts));
    const source = readFileSync(join(UNDERSTANDING, 'semanticModel.ts'), 'utf8');
    expect(source).to.match(/update\(FEATURE_CODE_HASH\)/);
  });
});
