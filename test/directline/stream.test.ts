import { expect } from 'chai';
import { WebSocket } from 'ws';
import { postMessage, request, startServer, type TestServer } from './helpers.js';

interface ActivitySet {
  activities: { id?: string; type: string; text?: string; from?: { role?: string } }[];
  watermark?: string;
}

/** A WebSocket client that collects every activity set it receives. */
class StreamClient {
  readonly sets: ActivitySet[] = [];
  readonly socket: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;

  constructor(url: string, options: { origin?: string; autoPong?: boolean } = {}) {
    this.socket = new WebSocket(url, { ...options });
    this.socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text) this.sets.push(JSON.parse(text) as ActivitySet);
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`refused ${res.statusCode}`)),
      );
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  get texts(): string[] {
    return this.sets.flatMap((set) => set.activities.map((a) => a.text ?? a.type));
  }

  get watermark(): string | undefined {
    return this.sets
      .map((set) => set.watermark)
      .filter(Boolean)
      .at(-1);
  }

  async waitFor(predicate: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 10000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Starts a conversation and returns what Direct Line start gives: token and streamUrl. */
async function start(server: TestServer) {
  const reply = await request(server.url, 'POST', '/v3/directline/conversations', {
    token: 'test-secret-value',
    body: '{}',
  });
  expect(reply.status).to.equal(201);
  return reply.json as { conversationId: string; token: string; streamUrl: string };
}

/** The reconnect call of Direct Line: GET the conversation with a watermark. */
async function reconnect(server: TestServer, conversationId: string, token: string, mark = '') {
  const reply = await request(
    server.url,
    'GET',
    `/v3/directline/conversations/${conversationId}?watermark=${mark}`,
    { token },
  );
  expect(reply.status).to.equal(200);
  return reply.json as { streamUrl: string; token: string };
}

describe('Direct Line channel: WebSocket stream', function () {
  this.timeout(20000);
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('gives a streamUrl on start, sends the greeting, then each reply as the bot sends it', async () => {
    server = await startServer();
    const { conversationId, token, streamUrl } = await start(server);
    expect(streamUrl).to.match(
      /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?/,
    );
    expect(streamUrl, 'a stream ticket, not the conversation token').to.not.contain(token);
    const client = new StreamClient(streamUrl);
    await client.opened;
    await client.waitFor(() => client.texts.length === 1, 'the greeting');
    expect(client.texts[0]).to.contain('999');

    expect((await postMessage(server.url, conversationId, token, 'hello')).status).to.equal(200);
    await client.waitFor(() => client.texts.length === 3, 'echo and reply');
    expect(client.texts.slice(1)).to.deep.equal(['hello', 'got 5']);
    expect(client.watermark).to.equal('3');
    client.socket.close();
  });

  it('reconnects with the watermark: nothing lost, nothing twice', async () => {
    server = await startServer();
    const { conversationId, token, streamUrl } = await start(server);
    const first = new StreamClient(streamUrl);
    await first.waitFor(() => first.texts.length === 1, 'the greeting');
    first.socket.terminate();
    await first.closed;

    // While no socket is open, the bot still answers; the replies wait in the queue.
    await postMessage(server.url, conversationId, token, 'one');
    await postMessage(server.url, conversationId, token, 'two');
    const again = await reconnect(server, conversationId, token, first.watermark);
    const second = new StreamClient(again.streamUrl);
    await second.waitFor(() => second.texts.length === 4, 'the missed activities');
    expect(second.texts).to.deep.equal(['one', 'got 3', 'two', 'got 3']);
    second.socket.close();
  });

  it('shows typing while a reply is slow (again while it goes on), none when it is quick, and a later poll sees only the reply', async () => {
    server = await startServer({}, { limits: { typingAfterMs: 100, typingRepeatMs: 150 } });
    const { conversationId, token, streamUrl } = await start(server);
    const client = new StreamClient(streamUrl);
    await client.waitFor(() => client.texts.length === 1, 'the greeting');
    await postMessage(server.url, conversationId, token, 'hello');
    await client.waitFor(() => client.texts.includes('got 5'), 'the quick reply');
    expect(client.texts, 'no typing for a quick reply').to.not.include('typing');

    await postMessage(server.url, conversationId, token, 'slow');
    await client.waitFor(() => client.texts.includes('got 4, slowly'), 'the slow reply');
    const afterSlow = client.texts.slice(client.texts.indexOf('slow') + 1);
    expect(afterSlow.at(-1)).to.equal('got 4, slowly');
    // 600 ms of turn: typing at 100 ms, then again every 150 ms, all before the reply.
    expect(afterSlow.filter((text) => text === 'typing').length).to.be.at.least(2);
    const typing = client.sets
      .flatMap((set) => set.activities)
      .find((activity) => activity.type === 'typing');
    expect(typing?.from?.role).to.equal('bot');
    expect(typing?.text, 'typing says nothing').to.equal(undefined);
    client.socket.close();

    // A client that reads after the turn finds the reply alone.
    const other = await start(server);
    await postMessage(server.url, other.conversationId, other.token, 'slow');
    const polled = await request(
      server.url,
      'GET',
      `/v3/directline/conversations/${other.conversationId}/activities`,
      { token: other.token },
    );
    const types = (polled.json.activities as { type: string }[]).map((a) => a.type);
    expect(types).to.deep.equal(['message', 'message', 'message']);
  });

  it('keeps polling working beside the stream', async () => {
    server = await startServer();
    const { conversationId, token } = await start(server);
    await postMessage(server.url, conversationId, token, 'hi');
    const polled = await request(
      server.url,
      'GET',
      `/v3/directline/conversations/${conversationId}/activities`,
      { token },
    );
    expect(polled.json.activities.map((a: { text: string }) => a.text)).to.deep.equal([
      'Hello. If you are in danger, call 999.',
      'hi',
      'got 2',
    ]);
  });

  it("checks the ticket on upgrade: a wrong, missing or other conversation's ticket is refused", async () => {
    server = await startServer();
    const a = await start(server);
    const b = await start(server);
    const aUrl = new URL(a.streamUrl);
    const bTicket = new URL(b.streamUrl).searchParams.get('t') ?? '';
    for (const ticket of ['', 'nonsense', bTicket, a.token]) {
      const url = new URL(aUrl);
      url.searchParams.set('t', ticket);
      const client = new StreamClient(url.toString());
      const error = await client.opened.then(
        () => 'opened',
        (refused: Error) => refused.message,
      );
      expect(error, `ticket ${ticket.slice(0, 8)}`).to.equal('refused 403');
    }
  });

  it('checks the Origin: the charity sites and this host only', async () => {
    server = await startServer({ ALLOWED_ORIGINS: 'https://charity.example' });
    for (const [origin, expected] of [
      ['https://charity.example', 'opened'],
      ['https://elsewhere.example', 'refused 403'],
      [server.url, 'opened'],
    ] as const) {
      const { streamUrl } = await start(server);
      const client = new StreamClient(streamUrl, { origin });
      const outcome = await client.opened.then(
        () => 'opened',
        (refused: Error) => refused.message,
      );
      expect(outcome, origin).to.equal(expected);
      client.socket.terminate();
    }
  });

  it('ends the stream with endOfConversation when the conversation ends', async () => {
    server = await startServer();
    const { conversationId, token, streamUrl } = await start(server);
    const client = new StreamClient(streamUrl);
    await client.waitFor(() => client.texts.length === 1, 'the greeting');
    await postMessage(server.url, conversationId, token, 'exit');
    const closed = await client.closed;
    expect(closed.code).to.equal(1000);
    expect(client.texts).to.include('endOfConversation');
    const refused = await reconnect(server, conversationId, token).catch((error: Error) => error);
    expect(refused).to.be.instanceOf(Error);
  });

  it('limits sockets per conversation (the newest wins) and per address', async () => {
    server = await startServer({}, { stream: { maxPerConversation: 1, maxPerAddress: 3 } });
    const { conversationId, token, streamUrl } = await start(server);
    const older = new StreamClient(streamUrl);
    await older.opened;
    const newer = new StreamClient((await reconnect(server, conversationId, token)).streamUrl);
    await newer.opened;
    expect((await older.closed).code).to.equal(1000);

    const more = [];
    for (let i = 0; i < 2; i++) more.push(new StreamClient((await start(server)).streamUrl));
    await Promise.all(more.map((client) => client.opened));
    const refused = new StreamClient((await start(server)).streamUrl);
    expect(await refused.opened.catch((error: Error) => error.message)).to.equal('refused 429');
    for (const client of [newer, ...more]) client.socket.close();
  });

  it('drops a socket that stops answering the heartbeat, and closes an idle one', async () => {
    server = await startServer({}, { stream: { heartbeatMs: 100, idleMs: 60000 } });
    const silent = new StreamClient((await start(server)).streamUrl, { autoPong: false });
    await silent.opened;
    expect((await silent.closed).code, 'terminated').to.equal(1006);
    await server.close();

    server = await startServer({}, { stream: { heartbeatMs: 100, idleMs: 150 } });
    const idle = new StreamClient((await start(server)).streamUrl);
    expect((await idle.closed).code).to.equal(1000);
  });

  it('expires a conversation whose page has gone (no poll or socket) after DIRECT_LINE_IDLE_SECONDS', async () => {
    server = await startServer(
      { DIRECT_LINE_IDLE_SECONDS: '1' },
      { limits: { sweepIntervalMs: 100 }, stream: { heartbeatMs: 100 } },
    );
    const { conversationId, token, streamUrl } = await start(server);
    const open = new StreamClient(streamUrl);
    await open.opened;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // An open, answering socket keeps it alive...
    expect((await postMessage(server.url, conversationId, token, 'still here')).status).to.equal(
      200,
    );
    open.socket.close();
    await open.closed;
    // ...and once the page has gone, it is deleted and forgotten.
    const deadline = Date.now() + 5000;
    while (!server.forgotten.some(([, id]) => id === conversationId)) {
      if (Date.now() > deadline) throw new Error('never expired');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await postMessage(server.url, conversationId, token, 'hello')).status).to.equal(404);
  });
});
