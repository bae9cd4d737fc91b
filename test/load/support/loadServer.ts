/**
 * Waymark for the sustained-load test, in a process of its own (started with --expose-gc):
 * the whole app from settings in the environment, on a memory store the test can read
 * through routes that exist only here:
 *
 * - `GET /load/heap`: heap in use after forced garbage collection;
 * - `GET /load/state?key=channel/conversation`: the stored state of one conversation;
 * - `GET /load/idle`: resolves once every queued SMS turn and send is done.
 *
 * Prints `{"listening":PORT}` once it accepts connections on 127.0.0.1; stops on SIGTERM.
 */
import { createApp } from '../../../src/app.js';
import { loadSettings } from '../../../src/config/settings.js';
import { createMemoryStatePort } from '../../../src/state/createMemoryStatePort.js';

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the load server with --expose-gc');
  for (let i = 0; i < 3; i += 1) gc();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const state = createMemoryStatePort();
  const app = createApp(loadSettings(process.env), { log: () => undefined, state });
  app.server.get('/load/heap', async (_req, res) => {
    res.send(200, { heapUsed: heapAfterGc(), rss: process.memoryUsage().rss });
  });
  app.server.get('/load/state', async (req, res) => {
    const key = new URL(req.url ?? '', 'http://load').searchParams.get('key') ?? '';
    res.send(200, { stored: (await state.read(key))?.state ?? null });
  });
  app.server.get('/load/idle', async (_req, res) => {
    await app.sms?.channel.idle();
    res.send(200, { idle: true });
  });
  await app.warm();
  const { port } = await app.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ listening: port })}\n`);
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
