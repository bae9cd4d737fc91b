import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { editorSchemas } from './contentFiles.js';

/**
 * `npm run content:schema`: writes a JSON Schema for each content file into
 * content/schema/, so editors with YAML support autocomplete and check what staff type.
 * Each YAML file names its schema in its first line.
 */
const folder = join('content', 'schema');
mkdirSync(folder, { recursive: true });
for (const { name, schema } of editorSchemas()) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  writeFileSync(join(folder, name), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote ${join(folder, name)}`);
}
