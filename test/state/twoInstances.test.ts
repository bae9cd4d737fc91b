import { expect } from 'chai';
import { BlobServiceClient } from '@azure/storage-blob';
import { blobName, DEFAULT_CONTAINER } from '../../src/state/createBlobStatePort.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { BotClient } from '../support/botClient.js';
import { startProcess, type RunningProcess } from '../server/support/waymarkProcess.js';
import type { Counted } from './support/countingStatePort.js';

/** Turns each instance runs at once on the same conversation. */
const TURNS_EACH = 40;

describe('two Waymark processes on one Azurite', function () {
  this.timeout(240_000);
  let azurite: Azurite;
  const instances: RunningProcess[] = [];
  const bases: string[] = [];

  before(async () => {
    azurite = await startAzurite();
    for (let i = 0; i < 2; i += 1) {
      const instance = startProcess('test/state/support/sharedStoreInstance.ts', {
        STORAGE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        DIRECT_LINE_SECRET: SECRET,
        STATE_TIMEOUT_MS: '5000',
        COUNT_WRITES: '1',
      });
      instances.push(instance);
    }
    for (const instance of instances) {
      const line = await instance.waitForLine((text) => text.includes('"listening"'), 120_000);
      bases.push(`http://127.0.0.1:${(JSON.parse(line) as { listening: number }).listening}`);
    }
  });
  after(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await azurite.stop();
  });

  async function storedWrites(conversationId: string): Promise<number> {
    const blob = BlobServiceClient.fromConnectionString(azurite.connectionString)
      .getContainerClient(DEFAULT_CONTAINER)
      .getBlockBlobClient(blobName(`emulator/${conversationId}`));
    const counted = JSON.parse((await blob.downloadToBuffer()).toString('utf8')) as Counted;
    return counted.writes;
  }

  it(`loses no update and sends no reply twice when both run ${TURNS_EACH} turns at once on one conversation`, async () => {
    const [a, b] = bases as [string, string];
    const chat = new BotClient(a, 'race-1');
    await chat.open();
    const expected = BotClient.steps(await chat.say('help'));
    const runs = [a, b].flatMap((base) =>
      Array.from({ length: TURNS_EACH }, () => chat.on(base).say('help')),
    );
    const replies = await Promise.all(runs);
    // Every turn answered once, with exactly one turn's replies: no fail-safe, no repeats.
    for (const reply of replies) expect(BotClient.steps(reply)).to.deep.equal(expected);
    // open + the first help + every concurrent turn, each built on the one before it.
    expect(await storedWrites('race-1')).to.equal(2 + 2 * TURNS_EACH);
  });

  it('carries a conversation started on instance A on correctly on instance B', async () => {
    const [a, b] = bases as [string, string];
    const onA = new BotClient(a, 'moving-1');
    expect(BotClient.steps(await onA.open())).to.deep.equal(['greeting', 'safe-now']);
    expect(BotClient.steps(await onA.say('yes'))).to.deep.equal(['can-chat']);
    const onB = onA.on(b);
    expect(BotClient.steps(await onB.say('yes'))).to.deep.equal(['who']);
    expect(BotClient.steps(await onA.say('me'))).to.deep.equal(['need']);
    // "exit" on B forgets it for A too: A's next message starts afresh.
    await onB.say('exit');
    expect(BotClient.steps(await onA.say('hello')).slice(0, 1)).to.deep.equal(['greeting']);
  });
  // Last, because it stops instance A.
  it('carries a web chat (Direct Line) on on instance B after instance A is lost', async () => {
    const [a, b] = bases as [string, string];
    const started = await directLine(a, '/conversations', SECRET, {});
    expect(started.status).to.equal(201);
    const { conversationId, token } = (await started.json()) as {
      conversationId: string;
      token: string;
    };
    const path = `/conversations/${conversationId}/activities`;
    const send = (base: string, text: string) =>
      directLine(base, path, token, { type: 'message', from: { id: 'web-user-1' }, text });
    expect((await send(a, 'yes')).status).to.equal(200);
    const beforeLoss = await poll(a, path, token, undefined);
    expect(stepsOf(beforeLoss.activities)).to.deep.equal(['greeting', 'safe-now', 'can-chat']);

    await instances[0]?.stop('SIGKILL');
    // The next message reaches B, with the same token: B finds the conversation record and
    // the state in the shared store and carries on from the last question.
    expect((await send(b, 'yes')).status).to.equal(200);
    const afterLoss = await poll(b, path, token, beforeLoss.watermark);
    expect(stepsOf(afterLoss.activities)).to.deep.equal(['who']);
    // Ids and watermarks carry on from A's, so Web Chat neither drops nor repeats anything.
    const lastBefore = beforeLoss.activities.map((activity) => activity.id ?? '').pop() ?? '';
    for (const activity of afterLoss.activities) {
      expect(sequenceOf(activity.id ?? '')).to.be.greaterThan(sequenceOf(lastBefore));
    }
    expect(Number(afterLoss.watermark)).to.be.greaterThan(Number(beforeLoss.watermark));
  });
});

const SECRET = 'shared-secret-for-both-instances-0123456789';

interface PolledActivity {
  id?: string;
  type: string;
  from?: { role?: string };
  channelData?: { signpost?: { step: string } };
}

function directLine(base: string, path: string, bearer: string, body: unknown) {
  return fetch(`${base}/v3/directline${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function poll(base: string, path: string, token: string, watermark: string | undefined) {
  const query = watermark === undefined ? '' : `?watermark=${watermark}`;
  const response = await fetch(`${base}/v3/directline${path}${query}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status).to.equal(200);
  return (await response.json()) as { activities: PolledActivity[]; watermark: string };
}

/** The steps of the bot's messages (not the echoes of the person's own). */
function stepsOf(activities: PolledActivity[]): string[] {
  return activities.flatMap((activity) =>
    activity.type === 'message' && activity.channelData?.signpost
      ? [activity.channelData.signpost.step]
      : [],
  );
}

function sequenceOf(id: string): number {
  return Number(id.split('|').pop());
}
