import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { editorSchemas } from '../../src/content/contentFiles.js';

describe('editor schemas in content/schema/', () => {
  for (const { name, schema, files } of editorSchemas()) {
    it(`${files.join(', ')}: ${name} is up to date (run npm run content:schema after changing a schema)`, () => {
      const committed: unknown = JSON.parse(readFileSync(join('content', 'schema', name), 'utf8'));
      expect(committed).to.deep.equal(
        z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
      );
      for (const path of files) {
        expect(readFileSync(path, 'utf8').split('\n')[0]).to.include(`schema/${name}`);
      }
    });
  }
});
