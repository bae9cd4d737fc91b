import { expect } from 'chai';
import { Conversation } from '../../src/channels/directline/conversation.js';
import { ConversationStore } from '../../src/channels/directline/conversationStore.js';
import { resolveLimits } from '../../src/channels/directline/limits.js';
import { SlidingWindowLimiter } from '../../src/channels/directline/rateLimiter.js';
import {
  decodeJsonStringPrefix,
  TextPrefixScanner,
} from '../../src/channels/directline/textPrefixScanner.js';

function scan(json: string, maxChars = 10, chunk = 3): string | undefined {
  const scanner = new TextPrefixScanner(maxChars);
  const bytes = Buffer.from(json);
  // Small chunks, so multi-byte characters and escapes are split across writes.
  for (let i = 0; i < bytes.length; i += chunk) scanner.write(bytes.subarray(i, i + chunk));
  return scanner.result();
}

describe('Direct Line channel: building blocks', () => {
  it('finds only the top-level text, whatever comes before it', () => {
    expect(scan('{"type":"message","text":"hello world, more"}')).to.equal('hello worl');
    expect(scan('{"channelData":{"text":"inner"},"text":"outer"}')).to.equal('outer');
    expect(scan('{"textFormat":"plain","value":["text"],"text":"yes"}')).to.equal('yes');
    expect(scan('{"a":"\\"text\\":","text":"ok"}')).to.equal('ok');
    expect(scan('{"type":"message"}')).to.equal(undefined);
    expect(scan('[{"text":"in array"}]')).to.equal(undefined);
    expect(scan('{"text":12}')).to.equal(undefined);
  });

  it('decodes escapes and multi-byte characters, even when cut short', () => {
    expect(scan('{"text":"caf\\u00e9 \\"x\\" \u00e9\u00e9"}', 20, 1)).to.equal('café "x" éé');
    expect(scan('{"text":"🙂🙂🙂"}', 3, 2)).to.equal('🙂');
    expect(decodeJsonStringPrefix('abc\\u00', 10)).to.equal('abc');
    expect(decodeJsonStringPrefix('abc\\', 10)).to.equal('abc');
    expect(decodeJsonStringPrefix('a\\\\', 10)).to.equal('a\\');
    expect(decodeJsonStringPrefix('tab\there', 10)).to.equal('tab here');
  });

  it('keeps watermarks monotonic and ignores watermarks from the future', () => {
    const conversation = new Conversation('c', 'u', undefined, resolveLimits(), 0);
    const ids = [conversation.nextId(), conversation.nextId()];
    for (const id of ids) conversation.enqueue({ type: 'message', id });
    expect(ids[0]).to.equal('c|0000001');
    expect(conversation.read('999').activities).to.have.length(0);
    const next = conversation.nextId();
    conversation.enqueue({ type: 'message', id: next });
    expect(conversation.read('2')).to.deep.equal({
      activities: [{ type: 'message', id: next }],
      watermark: '3',
    });
    expect(conversation.read('not-a-number').watermark).to.equal('3');
  });

  it('answers a poll (and the stream) with the same JSON text as the queued activities give', () => {
    const make = () => new Conversation('c', 'u', undefined, resolveLimits(), 0);
    const [a, b] = [make(), make()];
    const streamed: string[] = [];
    b.subscribe({ activity: (json) => streamed.push(json), ended: () => undefined }, undefined);
    for (const conversation of [a, b]) {
      const echo = conversation.nextId();
      conversation.enqueue({
        type: 'message',
        id: echo,
        timestamp: new Date(0),
        from: { id: 'u', role: 'user' },
        text: 'hello "there" </script>',
        channelData: { clientActivityID: 'c1' },
      });
      conversation.enqueue({
        type: 'message',
        id: conversation.nextId(),
        from: { id: 'waymark', role: 'bot' },
        replyToId: echo,
        attachments: [{ contentType: 'x', content: { buttons: [{ value: 'é' }] } }],
        channelData: { signpost: { urgency: 'routine', step: 'greeting', services: [] } },
      });
      // Nothing but its own fields, and nothing but shared ones.
      conversation.enqueue({ type: 'typing', id: conversation.nextId() });
      conversation.enqueue({ type: 'event', name: 'x' });
    }
    const expected = JSON.stringify(a.read(undefined));
    expect(b.readJson(undefined)).to.equal(expected);
    expect(streamed.map((json) => JSON.parse(json) as unknown)).to.deep.equal(
      (JSON.parse(expected) as { activities: unknown[] }).activities,
    );
    expect(b.readJson('3')).to.equal(JSON.stringify(a.read('3')));
    expect(JSON.parse(b.readJson('3'))).to.deep.equal({ activities: [], watermark: '3' });
  });

  it('caps the queue of a client that never reads', () => {
    const conversation = new Conversation(
      'c',
      'u',
      undefined,
      resolveLimits({ maxQueuedActivities: 3 }),
      0,
    );
    for (let i = 0; i < 10; i++)
      conversation.enqueue({ type: 'message', id: conversation.nextId() });
    expect(conversation.queuedCount).to.equal(3);
  });

  it('expires idle conversations, and refuses new ones past the cap', () => {
    let now = 0;
    const expired: string[] = [];
    const store = new ConversationStore(
      resolveLimits({ maxConversations: 2 }),
      60_000,
      (conversation) => expired.push(conversation.id),
      () => now,
    );
    try {
      const a = store.create('u1');
      const b = store.create('u2');
      expect(() => store.create('u3')).to.throw('Too many');
      now = 30_000;
      a.touch(now);
      now = 61_000;
      store.sweep();
      expect(expired).to.deep.equal([b.id]);
      expect(store.get(a.id)).to.equal(a);
      now = 200_000;
      expect(store.get(a.id)).to.equal(undefined);
      expect(a.deleted).to.equal(true);
      expect(store.size).to.equal(0);
    } finally {
      store.close();
    }
  });

  it('limits a sliding window and says when to retry', () => {
    const limiter = new SlidingWindowLimiter(2, 10_000);
    expect(limiter.take(0).allowed).to.equal(true);
    expect(limiter.take(1000).allowed).to.equal(true);
    expect(limiter.take(2000)).to.deep.equal({ allowed: false, retryAfterSeconds: 8 });
    limiter.force(2500);
    expect(limiter.take(10_500)).to.deep.equal({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take(12_600).allowed).to.equal(true);
  });
});
