import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { z } from 'zod';
import { contentFiles } from '../../src/content/contentFiles.js';

describe('editor schemas in content/schema/', () => {
  for (const { path, schema } of Object.values(contentFiles)) {
    it(`${path} has an up-to-date JSON Schema (run npm run content:schema after changing a schema)`, () => {
      const name = `${basename(path, '.yml')}.schema.json`;
      const committed: unknown = JSON.parse(readFileSync(join('content', 'schema', name), 'utf8'));
      expect(committed).to.deep.equal(
        z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
      );
      expect(readFileSync(path, 'utf8').split('\n')[0]).to.include(`schema/${name}`);
    });
  }
});
