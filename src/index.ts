import { createApp } from './app.js';
import { loadSettings } from './config/settings.js';
import { ContentError } from './content/loadContent.js';
import { createPinoLog } from './observability/pinoLog.js';
import { installProcessGuard } from './server/processGuard.js';

const log = createPinoLog();
// Nothing that one request does may end the process for everyone else.
installProcessGuard(log);

async function main(): Promise<void> {
  const settings = loadSettings();
  const app = createApp(settings, { log });
  const address = await app.listen(settings.PORT, settings.HOST);
  log('listening', { port: address.port, contentVersion: app.content.version });
  // The adapter and recognizers load after listening so start-up stays fast; everything
  // works without them meanwhile.
  app.warm().catch((error: Error) => log('warm-failed', { error: error.name }));
  const stop = () => {
    app.close().finally(() => process.exit(0));
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
