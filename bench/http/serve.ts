/**
 * One bench target in a process of its own, so that the load generator (autocannon, in the
 * bench's process) never shares an event loop with the server it measures. TARGET names it:
 *
 * - `bare`: a restify route that parses a small JSON body and answers a small JSON body;
 * - `echo`: the least a Bot Framework bot can be on /api/messages (CloudAdapter, an echo);
 * - `waymark`: the whole app from settings in the environment (memory or blob state, SMS
 *   when TWILIO_* are set), with a bench-only `GET /bench/idle` that waits for queued SMS
 *   turns and sends, so that one target's backlog never runs into the next one's slice.
 *
 * Prints `{"listening":PORT}` once it accepts connections on 127.0.0.1, and stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import restify from 'restify';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';

async function listen(server: restify.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function bare(): restify.Server {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/bare', async (req, res) => {
    const body = req.body as { text?: unknown } | undefined;
    res.send(200, { ok: true, length: typeof body?.text === 'string' ? body.text.length : 0 });
  });
  return server;
}

function echo(): restify.Server {
  const credentials = new ConfigurationServiceClientCredentialFactory({});
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo ${context.activity.text?.length ?? 0}`);
    await next();
  });
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return server;
}

async function main(): Promise<void> {
  const target = process.env.TARGET ?? 'bare';
  let port: number;
  let close: () => Promise<void>;
  if (target === 'waymark') {
    // Logs are dropped, as for the baselines, so the pipe to this bench is never the limit.
    const app = createApp(loadSettings(process.env), { log: () => undefined });
    app.server.get('/bench/idle', async (_req, res) => {
      await app.sms?.channel.idle();
      res.send(200, { idle: true });
    });
    await app.warm();
    port = (await app.listen(0, '127.0.0.1')).port;
    close = () => app.close();
  } else {
    const server = target === 'echo' ? echo() : bare();
    port = await listen(server);
    close = () => new Promise((resolve) => server.close(() => resolve()));
  }
  process.stdout.write(`${JSON.stringify({ listening: port })}\n`);
  process.once('SIGTERM', () => {
    void close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
