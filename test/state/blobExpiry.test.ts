import { expect } from 'chai';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { createBlobStatePort, STATE_PREFIX } from '../../src/state/createBlobStatePort.js';
import { startAzurite, type Azurite } from '../support/azurite.js';

describe('blob state expiry: the in-app sweeper under a lease (Azurite)', function () {
  this.timeout(90_000);
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(() => azurite.stop());

  async function stateBlobs(container: ContainerClient): Promise<string[]> {
    const names: string[] = [];
    for await (const blob of container.listBlobsFlat({ prefix: STATE_PREFIX })) {
      names.push(blob.name);
    }
    return names;
  }

  it('deletes expired conversations, keeps live ones, and only one instance sweeps at a time', async () => {
    let time = Date.parse('2026-11-25T12:00:00Z');
    const now = () => time;
    // Two instances on one container; their timers never fire during the test.
    const make = () =>
      createBlobStatePort({
        connectionString: azurite.connectionString,
        container: 'expiry',
        timeoutMs: 10_000,
        now,
        sweepIntervalMs: 3_600_000,
      });
    const a = make();
    const b = make();
    const ttl = (minutes: number) => new Date(time + minutes * 60_000);
    await a.write('webchat/idle-1', { step: 'who' }, undefined, ttl(30));
    await a.write('webchat/idle-2', { step: 'need' }, undefined, ttl(30));
    const live = await b.write('sms/live-1', { step: 'who' }, undefined, ttl(30));
    const container = BlobServiceClient.fromConnectionString(
      azurite.connectionString,
    ).getContainerClient('expiry');
    expect(await stateBlobs(container)).to.have.length(3);

    time += 20 * 60_000;
    // The live conversation carries on: its expiry moves on from now.
    if (live.kind !== 'written') throw new Error('write failed');
    await b.write('sms/live-1', { step: 'need' }, live.version, ttl(30));
    time += 11 * 60_000;

    const [byA, byB] = await Promise.all([a.sweeper.sweepOnce(), b.sweeper.sweepOnce()]);
    // Exactly one holds the lease and sweeps; the other stands aside.
    expect([byA, byB].filter((count) => count === undefined)).to.have.length(1);
    expect((byA ?? 0) + (byB ?? 0)).to.equal(2);
    expect(await stateBlobs(container)).to.have.length(1);
    expect((await b.read('sms/live-1'))?.state).to.deep.equal({ step: 'need' });

    // The holder keeps the lease on its next round; once it stops, the other takes over.
    const holder = byA === undefined ? b : a;
    const other = holder === a ? b : a;
    expect(await other.sweeper.sweepOnce()).to.equal(undefined);
    await holder.close();
    expect(await other.sweeper.sweepOnce()).to.equal(0);
    await other.close();
  });
});
