import { join } from 'node:path';
import { createApp } from './app.js';
import { loadSettings } from './config/settings.js';
import { ContentError } from './content/loadContent.js';
import { safeName } from './observability/logFields.js';
import { createPinoLog } from './observability/pinoLog.js';
import { describeError } from './server/describeError.js';
import { installProcessGuard } from './server/processGuard.js';

const log = createPinoLog();
// Nothing that one request does may end the process for everyone else.
installProcessGuard(log);

async function main(): Promise<void> {
  const settings = loadSettings();
  // The urgency model `npm run build` trained from content, beside this compiled file.
  const app = createApp(settings, {
    log,
    semanticModelFile: join(__dirname, 'urgency-model.json'),
  });
  const address = await app.listen(settings.PORT, settings.HOST);
  log('listening', { port: address.port, contentVersion: safeName(app.content.version) });
  // The urgency detector (every layer) and the engine are ready before listening. Microsoft's
  // recognizers and the Bot Framework adapter load now, in steps that each give the event
  // loop back (loaded in one go, they stalled it for about a second as the first requests
  // came in): turns wait for the recognizers unless the message is an emergency, and
  // /api/messages waits for the adapter. Everything still works without them, so a failure
  // here does not stop the bot.
  void app.warm().catch((error: unknown) => log('warm-failed', describeError(error)));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    log('shutting-down', { deadlineSeconds: settings.SHUTDOWN_TIMEOUT_SECONDS });
    // If closing itself hangs, leave anyway, a little after the deadline.
    setTimeout(() => process.exit(1), settings.SHUTDOWN_TIMEOUT_SECONDS * 1000 + 5000).unref();
    void app
      .close()
      .then(() => log('stopped'))
      .catch((error: unknown) => log('shutdown-failed', describeError(error)))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (
    error instanceof ContentError ||
    (error instanceof Error && error.message.startsWith('Invalid settings'))
  ) {
    console.error(`Waymark did not start.\n${error.message}`);
  } else {
    console.error('Waymark did not start:', error);
  }
  process.exit(1);
});
