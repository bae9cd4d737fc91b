import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { checkContent } from '../../src/review/contentCheck.js';
import { readFromDisk } from '../../src/content/loadContent.js';

/**
 * Each fixture breaks one rule by editing one real content file, and names the finding the
 * check must report. Edits: `set` (replace a value at a path; -1 is the last item),
 * `append` (add to a list), or `text` (replace the whole file).
 */
const edit = z.object({ path: z.string(), value: z.unknown() });
const fixtureSchema = z.object({
  file: z.string(),
  set: z.array(edit).default([]),
  append: z.array(edit).default([]),
  text: z.string().optional(),
  expect: z.object({
    rule: z.string(),
    file: z.string().optional(),
    mentions: z.string().optional(),
  }),
});

function at(root: unknown, path: string): { parent: Record<string, unknown>; key: string } {
  const keys = path.split('.');
  let node = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const index = Array.isArray(node) && key === '-1' ? String(node.length - 1) : key;
    node = node[index] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] ?? '';
  const key = Array.isArray(node) && last === '-1' ? String(node.length - 1) : last;
  return { parent: node, key };
}

const disk = readFromDisk();
const folder = 'test/content-check/fixtures';

describe('content check (npm run content:check)', () => {
  it('passes on the real dialogs/ and content/, warning on facts and plain language only', () => {
    const result = checkContent(disk);
    expect(result.errors, JSON.stringify(result.errors, null, 1)).to.deep.equal([]);
    expect(result.warnings.length).to.be.greaterThan(0);
    expect(new Set(result.warnings.map((w) => w.rule))).to.satisfy((rules: Set<string>) =>
      [...rules].every((rule) => ['unverified', 'stale', 'reading-ease'].includes(rule)),
    );
  });

  it('warns on facts last checked over six months ago', () => {
    const later = new Date('2027-12-01T00:00:00Z');
    const result = checkContent(disk, later);
    expect(result.errors).to.deep.equal([]);
    expect(result.warnings.some((w) => w.rule === 'stale')).to.equal(true);
  });

  for (const name of readdirSync(folder).filter((file) => file.endsWith('.yml'))) {
    it(`fails on the broken fixture ${name}`, () => {
      const fixture = fixtureSchema.parse(parse(readFileSync(join(folder, name), 'utf8')));
      const read = (path: string) => {
        if (path !== fixture.file) return disk(path);
        if (fixture.text !== undefined) return fixture.text;
        const data: unknown = parse(disk(path));
        for (const { path: p, value } of fixture.set) {
          const { parent, key } = at(data, p);
          parent[key] = value;
        }
        for (const { path: p, value } of fixture.append) {
          const { parent, key } = at(data, p);
          (parent[key] as unknown[]).push(value);
        }
        return stringify(data);
      };
      const result = checkContent(read);
      const matching = result.errors.filter(
        (error) =>
          error.rule === fixture.expect.rule &&
          (!fixture.expect.file || error.file === fixture.expect.file) &&
          (!fixture.expect.mentions ||
            `${error.path} ${error.message}`.includes(fixture.expect.mentions)),
      );
      expect(matching, JSON.stringify(result.errors, null, 1)).to.have.length.greaterThan(0);
    });
  }
});
