import { expect } from 'chai';
import type { StatePort } from '../../src/state/StatePort.js';

/** What a contract run needs: a fresh port, and a way to move its clock on. */
export interface PortUnderTest {
  port: StatePort;
  /** The port's notion of now, in ms; expiry is judged against it. */
  now(): number;
  /** Moves the clock on (a memory port) or waits (a real store). */
  advance(ms: number): Promise<void>;
}

/**
 * The rules every {@link StatePort} keeps, as one suite: the memory port runs it here, and
 * the blob port (issue 12) runs the same suite against Azurite.
 */
export function describeStatePortContract(name: string, make: () => Promise<PortUnderTest>) {
  describe(`StatePort contract: ${name}`, () => {
    let under: PortUnderTest;
    beforeEach(async () => {
      under = await make();
    });
    afterEach(() => under.port.close());
    const later = (minutes = 30) => new Date(under.now() + minutes * 60_000);

    it('reads nothing for a key never written', async () => {
      expect(await under.port.read('c/none')).to.equal(undefined);
    });

    it('creates a new key only when no version is expected, and reads it back', async () => {
      const created = await under.port.write('c/1', { step: 'a' }, undefined, later());
      expect(created.kind).to.equal('written');
      const read = await under.port.read('c/1');
      expect(read?.state).to.deep.equal({ step: 'a' });
      expect(read?.version).to.equal(created.kind === 'written' ? created.version : '');
    });

    it('refuses a second create of the same key (create-only)', async () => {
      await under.port.write('c/2', { n: 1 }, undefined, later());
      expect((await under.port.write('c/2', { n: 2 }, undefined, later())).kind).to.equal(
        'conflict',
      );
      expect((await under.port.read('c/2'))?.state).to.deep.equal({ n: 1 });
    });

    it('writes with the current version, and refuses a stale one', async () => {
      const first = await under.port.write('c/3', { n: 1 }, undefined, later());
      if (first.kind !== 'written') throw new Error('create failed');
      const second = await under.port.write('c/3', { n: 2 }, first.version, later());
      expect(second.kind).to.equal('written');
      if (second.kind === 'written') expect(second.version).not.to.equal(first.version);
      const stale = await under.port.write('c/3', { n: 3 }, first.version, later());
      expect(stale.kind).to.equal('conflict');
      expect((await under.port.read('c/3'))?.state).to.deep.equal({ n: 2 });
    });

    it('refuses a write that expects a version of a key that does not exist', async () => {
      expect((await under.port.write('c/4', { n: 1 }, '1', later())).kind).to.equal('conflict');
    });

    it('deletes, and deleting a missing key also succeeds', async () => {
      await under.port.write('c/5', { n: 1 }, undefined, later());
      await under.port.delete('c/5');
      expect(await under.port.read('c/5')).to.equal(undefined);
      await under.port.delete('c/never');
    });

    it('never returns state past its expiry, and the key can then be created again', async () => {
      await under.port.write('c/6', { n: 1 }, undefined, later(1));
      await under.advance(61_000);
      expect(await under.port.read('c/6')).to.equal(undefined);
      expect((await under.port.write('c/6', { n: 2 }, undefined, later())).kind).to.equal(
        'written',
      );
    });

    it('gives back a copy: changing what was read changes nothing stored', async () => {
      await under.port.write('c/7', { list: [1] }, undefined, later());
      const read = await under.port.read('c/7');
      (read?.state as { list: number[] }).list.push(2);
      expect((await under.port.read('c/7'))?.state).to.deep.equal({ list: [1] });
    });
  });
}
