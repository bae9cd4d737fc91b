import { BlobServiceClient } from '@azure/storage-blob';
import {
  createBlobStatePort,
  blobName,
  DEFAULT_CONTAINER,
} from '../src/state/createBlobStatePort.js';
import { createMemoryStatePort } from '../src/state/createMemoryStatePort.js';
import type { StatePort } from '../src/state/StatePort.js';
import { startAzurite } from '../test/support/azurite.js';
import { BotClient } from '../test/support/botClient.js';
import { realTurnService } from '../test/support/botHarness.js';
import { startProcess } from '../test/server/support/waymarkProcess.js';
import type { Counted } from '../test/state/support/countingStatePort.js';
import { ms, ratio, summarise, timeEach } from './stats.js';

/** Turns each of the two processes runs at once on one conversation (as in issue 12). */
const TURNS_EACH = 200;

/**
 * Shared state figures, against Azurite started here: lost updates with last-writer-wins
 * writes (before) and with the versioned turn service (after); the state read + write per
 * turn, blob beside memory; and a whole turn, blob beside memory.
 */
export async function benchState(): Promise<Record<string, string>> {
  const azurite = await startAzurite();
  try {
    const figures: Record<string, string> = {};
    const before = await lostWithLastWriterWins(azurite.connectionString);
    figures[`lost updates, 2 processes × ${TURNS_EACH} concurrent turns, "*" writes (before)`] =
      `${before} of ${2 * TURNS_EACH}`;
    const after = await lostWithTurnService(azurite.connectionString);
    figures[`lost updates, 2 processes × ${TURNS_EACH} concurrent turns, turn service (after)`] =
      `${after} of ${2 * TURNS_EACH}`;

    const blob = createBlobStatePort({
      connectionString: azurite.connectionString,
      container: 'bench-rw',
      timeoutMs: 10_000,
    });
    const memory = createMemoryStatePort();
    const blobRw = summarise(await readWrite(blob));
    const memoryRw = summarise(await readWrite(memory));
    figures['state read + write per turn, blob (Azurite)'] =
      `median ${ms(blobRw.median)}, p99 ${ms(blobRw.p99)}`;
    figures['  baseline: memory store'] = `median ${ms(memoryRw.median)}, p99 ${ms(memoryRw.p99)}`;
    figures['  ratio p99'] = ratio(blobRw.p99, memoryRw.p99);

    const blobTurn = summarise(await wholeTurns(blob));
    const memoryTurn = summarise(await wholeTurns(memory));
    figures['whole turn (turn service), blob (Azurite)'] =
      `median ${ms(blobTurn.median)}, p99 ${ms(blobTurn.p99)}`;
    figures['  baseline: memory store '] =
      `median ${ms(memoryTurn.median)}, p99 ${ms(memoryTurn.p99)}`;
    figures['  ratio p99 '] = ratio(blobTurn.p99, memoryTurn.p99);
    await memory.close();
    return figures;
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

/** One turn's storage work: read the state with its version, write it back with that version. */
function readWrite(port: StatePort): Promise<number[]> {
  const keys = Array.from({ length: 20 }, (_, i) => `webchat/bench-rw-${i}`);
  return timeEach(
    keys,
    20,
    async (key) => {
      const stored = await port.read(key);
      const state = { step: 'who', slots: { safe: 'yes' }, n: Math.random() };
      const written = await port.write(key, state, stored?.version, new Date(Date.now() + 60_000));
      if (written.kind !== 'written') throw new Error('unexpected conflict in the bench');
    },
    2,
  );
}

function wholeTurns(port: StatePort): Promise<number[]> {
  const turns = realTurnService({ state: port, now: new Date() });
  const script = [
    'yes',
    'yes',
    'me',
    'somewhere to stay',
    'SS0 7AB',
    'start over',
    'he has a knife',
    'carry on',
  ];
  let round = 0;
  return timeEach(
    script,
    20,
    async (text) => {
      if (text === 'yes' && script.indexOf(text) === 0) round += 1;
      await turns.runTurn({
        channel: 'webchat',
        conversationKey: `bench-${round}`,
        input: { kind: 'message', text },
      });
    },
    2,
  );
}
