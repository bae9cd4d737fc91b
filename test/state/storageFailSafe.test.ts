import { expect } from 'chai';
import { createApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { isMessage, type OutgoingActivity } from '../../src/channels/render/outgoingActivity.js';
import { azuriteConnectionString, startAzurite, type Azurite } from '../support/azurite.js';
import { BotClient } from '../support/botClient.js';
import { startDelayingProxy, type DelayingProxy } from '../support/delayingProxy.js';

/** Long enough that a loaded machine still answers in time; short enough to keep tests quick. */
const TIMEOUT_MS = 1500;

function expectFailSafe(activities: OutgoingActivity[]): void {
  const messages = activities.filter(isMessage);
  expect(messages.map((a) => a.channelData.signpost.step)).to.deep.equal(['fail-safe']);
  expect(messages[0]?.text).to.include('999');
  expect(messages[0]?.channelData.signpost.services.length).to.be.greaterThan(0);
}

describe('fail safe when blob storage is down or slow (Azurite)', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let proxy: DelayingProxy;
  let app: App;
  let base: string;
  const events: string[] = [];

  before(async () => {
    azurite = await startAzurite();
    // The bot reaches Azurite only through the proxy, so the test can slow it down.
    proxy = await startDelayingProxy(azurite.port);
    const settings = loadSettings({
      PORT: '0',
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azuriteConnectionString(proxy.port),
      STATE_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    app = createApp(settings, { log: (event) => events.push(event) });
    const address = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });
  after(async () => {
    await app.close();
    await proxy.close();
    await azurite.stop();
  });

  it('answers with 999 and the helplines when storage is slower than the timeout, then carries on', async () => {
    const chat = new BotClient(base, 'slow-1');
    expect(BotClient.steps(await chat.open())).to.deep.equal(['greeting', 'safe-now']);
    expect(BotClient.steps(await chat.say('yes'))).to.deep.equal(['can-chat']);

    proxy.delayMs = TIMEOUT_MS * 4;
    expectFailSafe(await chat.say('yes'));
    // Someone in danger still gets the emergency reply, not only the fail-safe.
    const danger = (await chat.say('he is outside with a knife')).filter(isMessage);
    expect(danger[0]?.channelData.signpost).to.include({ step: 'emergency', urgency: 'emergency' });

    proxy.delayMs = 0;
    // No restart: the conversation carries on where it was before storage slowed down.
    expect(BotClient.steps(await chat.say('yes'))).to.deep.equal(['who']);
    expect(events).to.include('turn-failed');
  });

  it('answers with 999 and the helplines when Azurite stops mid-conversation, and recovers when it is back', async () => {
    const chat = new BotClient(base, 'stopped-1');
    await chat.open();
    expect(BotClient.steps(await chat.say('yes'))).to.deep.equal(['can-chat']);

    await azurite.stop();
    expectFailSafe(await chat.say('yes'));
    expectFailSafe(await chat.say('me'));

    await azurite.restart();
    // Azurite held state in memory only, so it comes back empty: the conversation starts
    // afresh (greeting), with no restart of the bot and no error shown to the person.
    const again = BotClient.steps(await chat.say('yes'));
    expect(again.slice(0, 1)).to.deep.equal(['greeting']);
    expect(BotClient.steps(await chat.say('yes'))).to.deep.equal(['can-chat']);
  });
});
