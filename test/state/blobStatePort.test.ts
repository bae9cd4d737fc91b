import { expect } from 'chai';
import { BlobServiceClient } from '@azure/storage-blob';
import { createBlobStatePort, STATE_PREFIX } from '../../src/state/createBlobStatePort.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { describeStatePortContract } from './statePortContract.js';

let azurite: Azurite;
let containers = 0;

describe('Blob state port on Azurite', () => {
  before(async function () {
    this.timeout(90_000);
    azurite = await startAzurite();
  });
  after(() => azurite.stop());

  describeStatePortContract('Azure Blob (Azurite)', () => {
    // A fresh container per case, and a clock the test moves, so expiry needs no waiting.
    let time = Date.parse('2026-11-25T12:00:00Z');
    const now = () => time;
    containers += 1;
    return Promise.resolve({
      port: createBlobStatePort({
        connectionString: azurite.connectionString,
        container: `contract-${containers}`,
        timeoutMs: 10_000,
        now,
      }),
      now,
      advance: (ms: number) => {
        time += ms;
        return Promise.resolve();
      },
    });
  });

  describe('Blob state port, beyond the contract', () => {
    it('names blobs by a hash, so no conversation id is visible in storage', async () => {
      const port = createBlobStatePort({
        connectionString: azurite.connectionString,
        container: 'names',
        timeoutMs: 10_000,
      });
      await port.write(
        'sms/+447700900123',
        { step: 'a' },
        undefined,
        new Date(Date.now() + 60_000),
      );
      const names: string[] = [];
      const container = BlobServiceClient.fromConnectionString(
        azurite.connectionString,
      ).getContainerClient('names');
      for await (const blob of container.listBlobsFlat()) names.push(blob.name);
      expect(names).to.have.length(1);
      expect(names[0]).to.match(new RegExp(`^${STATE_PREFIX}[0-9a-f]{64}$`));
      expect(names[0]).not.to.include('447700900123');
    });
  });
});
