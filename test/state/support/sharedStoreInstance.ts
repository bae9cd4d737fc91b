/**
 * One Waymark instance for the two-process tests: the real app on the real blob store, in
 * its own process, on a free loopback port. With COUNT_WRITES=1 its state port counts the
 * writes that built on one another (see countingStatePort), so lost updates can be counted.
 * Prints {"listening": port} once it serves.
 */
import { createApp } from '../../../src/app.js';
import { loadSettings } from '../../../src/config/settings.js';
import { createStatePort } from '../../../src/state/createStatePort.js';
import { countingStatePort } from './countingStatePort.js';

async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const blob = createStatePort(settings, Date.now);
  const state = process.env.COUNT_WRITES === '1' ? countingStatePort(blob) : blob;
  const lines: string[] = [];
  const app = createApp(settings, {
    state,
    log: (event, fields) => lines.push(JSON.stringify({ event, ...fields })),
  });
  const address = await app.listen(0, '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ listening: address.port })}\n`);
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
}

void main();
