import { BlobServiceClient } from '@azure/storage-blob';
import { blobName, DEFAULT_CONTAINER } from '../src/state/createBlobStatePort.js';
import { startAzurite } from '../test/support/azurite.js';
import { BotClient } from '../test/support/botClient.js';
import { startProcess } from '../test/server/support/waymarkProcess.js';
import type { Counted } from '../test/state/support/countingStatePort.js';

/** Turns each of the two processes runs at once on one conversation (as in issue 12). */
export const TURNS_EACH = 200;

/**
 * Lost updates when two processes run turns at once on one conversation in Azure Blob
 * Storage (Azurite, started here): with last-writer-wins writes ("*", as botbuilder's
 * ConversationState writes), and with the versioned turn service.
 */
export async function benchLostUpdates(): Promise<{ lastWriterWins: number; turnService: number }> {
  const azurite = await startAzurite();
  try {
    return {
      lastWriterWins: await lostWithLastWriterWins(azurite.connectionString),
      turnService: await lostWithTurnService(azurite.connectionString),
    };
  } finally {
    await azurite.stop();
  }
}

async function lostWithLastWriterWins(connectionString: string): Promise<number> {
  const container =
    BlobServiceClient.fromConnectionString(connectionString).getContainerClient('bench-lww');
  await container.createIfNotExists();
  const start = JSON.stringify({ writes: 0 });
  await container.getBlockBlobClient('conversation').upload(start, start.length);
  const env = {
    CONNECTION_STRING: connectionString,
    CONTAINER: 'bench-lww',
    TURNS: String(TURNS_EACH),
  };
  const workers = [0, 1].map(() => startProcess('bench/support/lastWriterWinsWorker.ts', env));
  await Promise.all(workers.map((w) => w.waitForLine((line) => line.includes('"done"'), 300_000)));
  await Promise.all(workers.map((w) => w.stop()));
  const text = (await container.getBlockBlobClient('conversation').downloadToBuffer()).toString();
  return 2 * TURNS_EACH - (JSON.parse(text) as { writes: number }).writes;
}

async function lostWithTurnService(connectionString: string): Promise<number> {
  const instances = [0, 1].map(() =>
    startProcess('test/state/support/sharedStoreInstance.ts', {
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: connectionString,
      STATE_TIMEOUT_MS: '10000',
      COUNT_WRITES: '1',
    }),
  );
  try {
    const bases: string[] = [];
    for (const instance of instances) {
      const line = await instance.waitForLine((text) => text.includes('"listening"'), 120_000);
      bases.push(`http://127.0.0.1:${(JSON.parse(line) as { listening: number }).listening}`);
    }
    const chat = new BotClient(bases[0] ?? '', 'bench-race');
    await chat.open();
    await Promise.all(
      bases.flatMap((base) => Array.from({ length: TURNS_EACH }, () => chat.on(base).say('help'))),
    );
    const blob = BlobServiceClient.fromConnectionString(connectionString)
      .getContainerClient(DEFAULT_CONTAINER)
      .getBlockBlobClient(blobName('emulator/bench-race'));
    const counted = JSON.parse((await blob.downloadToBuffer()).toString()) as Counted;
    return 1 + 2 * TURNS_EACH - counted.writes;
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
  }
}
