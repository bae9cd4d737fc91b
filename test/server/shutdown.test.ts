import http from 'node:http';
import net from 'node:net';
import { expect } from 'chai';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { createMemoryStatePort } from '../../src/state/createMemoryStatePort.js';
import type { StatePort } from '../../src/state/StatePort.js';

const greeting = JSON.stringify({
  type: 'conversationUpdate',
  channelId: 'emulator',
  deliveryMode: 'expectReplies',
  serviceUrl: 'http://127.0.0.1:9',
  conversation: { id: 'shutdown-1' },
  from: { id: 'u' },
  recipient: { id: 'waymark' },
  membersAdded: [{ id: 'u' }],
});

describe('graceful shutdown (issue 6, defect 6)', function () {
  this.timeout(60_000);

  it('finishes a turn under way before it drops conversations and state', async () => {
    const order: string[] = [];
    const memory = createMemoryStatePort();
    const state: StatePort = {
      ...memory,
      close: async () => {
        order.push('state-closed');
        await memory.close();
      },
    };
    const app = createApp(loadSettings({ PORT: '0', SHUTDOWN_TIMEOUT_SECONDS: '20' }), {
      // The turn service logs 'turn' once the turn's state is written, just before replying.
      log: (event) => void (event === 'turn' && order.push('turn')),
      state,
    });
    const { port } = await app.listen(0, '127.0.0.1');

    // A turn under way: the headers are in, the body is still coming.
    let status = 0;
    let body = '';
    const done = new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/messages',
          agent: false,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': String(greeting.length),
          },
        },
        (res) => {
          status = res.statusCode ?? 0;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => {
            order.push('response-sent');
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.write(greeting.slice(0, 10));
      req.flushHeaders();
      setTimeout(() => {
        const closing = app.close().then(() => order.push('closed'));
        void closing;
        // A new connection is refused once shutdown has begun.
        const probe = net.connect(port, '127.0.0.1');
        probe.on('error', () => {
          order.push('new-connection-refused');
          req.end(greeting.slice(10));
        });
        probe.on('connect', () => {
          order.push('new-connection-accepted');
          probe.destroy();
          req.end(greeting.slice(10));
        });
      }, 200);
    });
    await done;
    while (!order.includes('closed')) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(status, order.join()).to.equal(200);
    expect(body).to.include('999');
    expect(order).to.include('new-connection-refused');
    expect(order.indexOf('turn'), order.join()).to.be.within(0, order.indexOf('state-closed') - 1);
  });

  it('closes within its deadline even when a client never finishes its request', async () => {
    // The request and idle timeouts are long, so only the shutdown deadline can end it.
    const settings = loadSettings({
      PORT: '0',
      SHUTDOWN_TIMEOUT_SECONDS: '1',
      HTTP_REQUEST_TIMEOUT_SECONDS: '600',
      HTTP_IDLE_TIMEOUT_SECONDS: '600',
    });
    const app = createApp(settings, {
      log: () => undefined,
    });
    const { port } = await app.listen(0, '127.0.0.1');
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    let closedByServer = false;
    socket.on('close', () => (closedByServer = true));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    socket.write(
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type"',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    const deadline = Date.now() + 20_000;
    while (!closed && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed, 'close() resolved').to.equal(true);
    await closing;
    while (!closedByServer && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(closedByServer).to.equal(true);
  });
});
