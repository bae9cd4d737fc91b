import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Settings } from '../config/settings.js';
import type { Content } from '../content/loadContent.js';
import type { WaymarkBot } from '../bot/WaymarkBot.js';
import type { Log } from '../observability/log.js';
import { isDirectLoopback } from './isDirectLoopback.js';
import { privacyPage } from './privacyPage.js';

/** Bot Framework activities are small; this only stops abuse of the endpoint. */
const MAX_BOT_FRAMEWORK_BODY = 4 * 1024 * 1024;

export interface ServerParts {
  settings: Settings;
  content: Content;
  bot: WaymarkBot;
  /** The Bot Framework adapter, loaded on first use. */
  getAdapter: () => Promise<CloudAdapter>;
  log: Log;
}

/**
 * The restify server with the core routes: the Bot Framework endpoint, /healthz and
 * /privacy. Channels and web pages add their own routes to it.
 */
export function createServer({
  settings,
  content,
  bot,
  getAdapter,
  log,
}: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'waymark', handleUncaughtExceptions: false });
  server.pre((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    return next();
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok', contentVersion: content.version });
  });

  const privacyHtml = privacyPage(content.wording.privacyNotice);
  server.get('/privacy', async (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(privacyHtml);
  });

  const authenticated = Boolean(settings.MicrosoftAppId);
  server.post(
    '/api/messages',
    restify.plugins.bodyParser({ maxBodySize: MAX_BOT_FRAMEWORK_BODY, mapParams: false }),
    async (req, res) => {
      if (!authenticated && !isDirectLoopback(req.socket.remoteAddress, req.headers)) {
        log('api-messages-refused', { reason: 'not-loopback' });
        res.send(401, { error: 'Unauthenticated requests are accepted from this machine only.' });
        return;
      }
      const adapter = await getAdapter();
      await adapter.process(req, res, (context) => bot.run(context));
    },
  );
  return server;
}
