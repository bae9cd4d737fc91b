import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ContentError, loadContent, readFromDisk } from '../../src/content/loadContent.js';
import { readValidatedContent, writeValidatedContent } from '../../src/content/validatedContent.js';

describe('content validated by the build', () => {
  const disk = readFromDisk();
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'waymark-validated-'));
    file = join(dir, 'content.validated.json');
    writeValidatedContent(process.cwd(), file);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives start-up the same content and version as validating the files', () => {
    const stored = loadContent(disk, readValidatedContent(file));
    expect(stored).to.deep.equal(loadContent(disk));
  });

  it('is not used once a file has changed: that file is validated, and its error named', () => {
    const broken = (path: string) => (path === 'content/commands.yml' ? 'exit: [1, 2' : disk(path));
    expect(() => loadContent(broken, readValidatedContent(file)))
      .to.throw(ContentError)
      .with.property('file', 'content/commands.yml');
  });

  it('is not used when it holds other content for the same files', () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { data: { commands: unknown } };
    stored.data.commands = { tampered: true };
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...stored, codeHash: 'older code' }));
    expect(loadContent(disk, readValidatedContent(other)).commands).to.not.have.property(
      'tampered',
    );
  });

  it('is simply not used when missing', () => {
    expect(loadContent(disk, readValidatedContent(join(dir, 'missing.json')))).to.deep.equal(
      loadContent(disk),
    );
  });
});
