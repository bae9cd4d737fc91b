import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Settings } from '../config/settings.js';
import type { Content } from '../content/loadContent.js';
import type { WaymarkBot } from '../bot/WaymarkBot.js';
import type { Log } from '../observability/log.js';
import { registerBotFrameworkEndpoint } from './botFrameworkEndpoint.js';
import { privacyPage } from './privacyPage.js';

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

  registerBotFrameworkEndpoint(server, {
    authenticated: Boolean(settings.MicrosoftAppId),
    getAdapter,
    run: (context) => bot.run(context),
    log,
  });
  return server;
}
