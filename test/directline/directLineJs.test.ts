import { expect } from 'chai';
import {
  ConnectionStatus,
  DirectLine,
  type Activity,
  type Message,
} from 'botframework-directlinejs';
import { request, startServer, type TestServer } from './helpers.js';
import { FetchXhr } from './xhrShim.js';

/** Waits until `predicate` holds for the activities seen so far. */
function waitFor<T>(check: () => T | undefined, what: string, ms = 8000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const value = check();
      if (value !== undefined && value !== false) {
        clearInterval(timer);
        resolve(value);
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 20);
  });
}

describe('Direct Line channel: the official botframework-directlinejs client', () => {
  let server: TestServer;
  const globals = globalThis as { XMLHttpRequest?: unknown };
  let savedXhr: unknown;

  before(() => {
    savedXhr = globals.XMLHttpRequest;
    globals.XMLHttpRequest = FetchXhr;
  });
  after(() => {
    globals.XMLHttpRequest = savedXhr;
  });
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('connects with a page token, reads the greeting, sends, and is ended by exit', async () => {
    const issued = (await request(server.url, 'POST', '/api/webchat/token')).json;
    const directLine = new DirectLine({
      token: issued.token,
      domain: issued.domain,
      webSocket: false,
      pollingInterval: 200,
      // node 20 has no WebSocket; polling never uses it, but the constructor reads it.
      WebSocket: function NoWebSocket() {
        throw new Error('not used');
      },
    } as unknown as ConstructorParameters<typeof DirectLine>[0]);
    const seen: Message[] = [];
    const statuses: ConnectionStatus[] = [];
    const activitySub = directLine.activity$.subscribe(
      (activity) => void (activity.type === 'message' && seen.push(activity)),
      // The stream ends with an error once the conversation has ended; that is expected here.
      () => undefined,
    );
    const statusSub = directLine.connectionStatus$.subscribe((status) => statuses.push(status));
    try {
      await waitFor(() => seen.find((a) => a.text?.includes('999')), 'greeting');

      const id = await new Promise<string>((resolve, reject) => {
        directLine
          .postActivity({
            type: 'message',
            text: 'hello there',
            from: { id: 'r_client', role: 'user' },
            channelData: { clientActivityID: 'js-1' },
          } as unknown as Activity)
          .subscribe(resolve, reject);
      });
      expect(id).to.match(/\|\d{7}$/);
      const echo = await waitFor(() => seen.find((a) => a.id === id), 'echo');
      expect(echo.channelData).to.deep.equal({ clientActivityID: 'js-1' });
      expect(echo.from.role).to.equal('user');
      await waitFor(() => seen.find((a) => a.text === 'got 11'), 'reply');

      await new Promise((resolve, reject) => {
        directLine
          .postActivity({ type: 'message', text: 'exit', from: { id: 'r_client' } } as Activity)
          .subscribe(resolve, reject);
      });
      // The next poll gets 404, which the client reads as the conversation having ended.
      await waitFor(() => statuses.includes(ConnectionStatus.Ended) || undefined, 'ended');
      expect(server.forgotten.map(([, conversationId]) => conversationId)).to.include(
        issued.conversationId,
      );
    } finally {
      activitySub.unsubscribe();
      statusSub.unsubscribe();
      directLine.end();
    }
  });
});
