import { expect } from 'chai';
import { BlobServiceClient } from '@azure/storage-blob';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { DEFAULT_CONTAINER } from '../../src/state/createBlobStatePort.js';
import { startAzurite, type Azurite } from '../support/azurite.js';
import { BotClient } from '../support/botClient.js';

/** What people typed that must never be stored: names, numbers, places, contact details. */
const PRIVATE_MESSAGE =
  'my name is Priyanka Quell, I live at 12 Elmstead Road Leigh-on-Sea SS9 2QX, ' +
  'call me on 07700 900123 or priyanka.quell@example.org';
const PRIVATE_WORDS = [
  'Priyanka',
  'Quell',
  'Elmstead',
  'Leigh',
  'SS9',
  '2QX',
  '07700',
  '900123',
  'example.org',
];

/** Full conversations, each as a person might type them, ending at a signpost. */
const SCRIPTS: string[][] = [
  ['yes', 'yes', 'me', 'somewhere to stay', 'SS9 2QX'],
  ['yes', 'yes', PRIVATE_MESSAGE, 'somewhere safe to stay', 'Leigh-on-Sea'],
  [
    'I am scared, he hit me yesterday, my name is Priyanka',
    'carry on',
    'yes',
    'me',
    'talk to someone',
    'Elmstead Road SS9',
  ],
];

describe('no trace in storage: the raw Azurite blobs after full conversations', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let app: App;
  let base: string;

  before(async () => {
    azurite = await startAzurite();
    const settings = loadSettings({
      PORT: '0',
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      DIRECT_LINE_SECRET: 'no-trace-test-secret-0123456789abcdef',
    });
    app = createApp(settings, { log: () => undefined });
    base = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
  });
  after(async () => {
    await app.close();
    await azurite.stop();
  });

  async function rawBlobs(): Promise<{ name: string; text: string; metadata: string }[]> {
    const container = BlobServiceClient.fromConnectionString(
      azurite.connectionString,
    ).getContainerClient(DEFAULT_CONTAINER);
    const blobs: { name: string; text: string; metadata: string }[] = [];
    for await (const blob of container.listBlobsFlat({ includeMetadata: true })) {
      const body = await container.getBlobClient(blob.name).downloadToBuffer();
      blobs.push({
        name: blob.name,
        text: body.toString('utf8'),
        metadata: JSON.stringify(blob.metadata),
      });
    }
    return blobs;
  }

  it('finds none of the words people typed, on the Bot Framework and web channels', async () => {
    for (const [index, script] of SCRIPTS.entries()) {
      for (const channel of ['emulator', 'msteams']) {
        const chat = new BotClient(base, `no-trace-${channel}-${index}`, channel);
        await chat.open();
        for (const text of script) await chat.say(text);
      }
      // The web channel (Direct Line), whose conversation records are stored as well.
      const started = await fetch(`${base}/v3/directline/conversations`, {
        method: 'POST',
        headers: {
          Authorization: 'Bearer no-trace-test-secret-0123456789abcdef',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ user: { id: 'web-user-7' } }),
      });
      const { conversationId, token } = (await started.json()) as {
        conversationId: string;
        token: string;
      };
      for (const text of script) {
        const sent = await fetch(
          `${base}/v3/directline/conversations/${conversationId}/activities`,
          {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ type: 'message', from: { id: 'web-user-7' }, text }),
          },
        );
        expect(sent.status).to.equal(200);
      }
    }
    const blobs = await rawBlobs();
    // Every conversation is still there (none exited): state and web records, all hashed.
    expect(blobs.filter((blob) => blob.name.startsWith('state/')).length).to.be.at.least(
      SCRIPTS.length * 3,
    );
    for (const blob of blobs) {
      const everything = `${blob.name}\n${blob.text}\n${blob.metadata}`.toLowerCase();
      for (const word of PRIVATE_WORDS) expect(everything).not.to.include(word.toLowerCase());
      expect(everything).not.to.include('no-trace-');
    }
    // State holds the derived area, not the place typed.
    const states = blobs.map((blob) => blob.text).filter((text) => text.includes('"slots"'));
    expect(states.some((text) => text.includes('"southend"'))).to.equal(true);
  });

  it('deletes the conversation from storage at once on "exit"', async () => {
    const chat = new BotClient(base, 'exit-at-once', 'emulator');
    await chat.open();
    await chat.say('yes');
    const before = (await rawBlobs()).length;
    await chat.say('exit');
    expect((await rawBlobs()).length).to.equal(before - 1);
  });
});
