import { expect } from 'chai';
import type { StatePort } from '../../src/state/StatePort.js';
import { BotHarness } from '../support/botHarness.js';

const brokenStore: StatePort = {
  read: () => Promise.reject(new Error('storage is down')),
  write: () => Promise.reject(new Error('storage is down')),
  delete: () => Promise.reject(new Error('storage is down')),
  close: () => Promise.resolve(),
};

describe('fail safe', () => {
  it('still answers with 999 and the helplines when storage fails', async () => {
    const events: string[] = [];
    const harness = new BotHarness({ store: brokenStore, log: (event) => events.push(event) });
    const replies = await harness.say('yes');
    expect(replies).to.have.length(1);
    expect(replies[0]?.channelData.signpost.step).to.equal('fail-safe');
    expect(replies[0]?.channelData.signpost.services.length).to.be.greaterThan(0);
    expect(replies[0]?.text).to.include('999');
    expect(events).to.include('turn-failed');
  });

  it('still gives the emergency reply when storage fails and someone is in danger', async () => {
    const harness = new BotHarness({ store: brokenStore });
    const replies = await harness.say('he is outside with a knife');
    expect(replies[0]?.channelData.signpost).to.include({
      step: 'emergency',
      urgency: 'emergency',
    });
  });
});

describe('limits reported by a channel', () => {
  it('answers a rate-limited message kindly with 999, without moving on', async () => {
    const harness = new BotHarness();
    await harness.open();
    const replies = await harness.say('yes', { waymark: { limit: 'rate' } });
    expect(replies.map((r) => r.channelData.signpost.step)).to.deep.equal(['slow-down']);
    expect(replies[0]?.text).to.include('999');
    const next = await harness.say('yes');
    expect(next[0]?.channelData.signpost.step).to.equal('can-chat');
    harness.close();
  });

  it('still gives the emergency reply to a rate-limited message of danger', async () => {
    const harness = new BotHarness();
    const replies = await harness.say('he is kicking the door in', { waymark: { limit: 'rate' } });
    expect(replies[0]?.channelData.signpost.step).to.equal('emergency');
    harness.close();
  });
});
