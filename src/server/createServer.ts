import restify from 'restify';
import type { Settings } from '../config/settings.js';
import type { Content } from '../content/loadContent.js';
import type { BotFrameworkEndpoint } from '../channels/botframework/botFrameworkEndpoint.js';
import type { Log } from '../observability/log.js';
import { registerBotFrameworkEndpoint } from './botFrameworkEndpoint.js';
import { privacyPage } from './privacyPage.js';
import { quietRestifyErrors } from './quietErrors.js';
import { applyServerTimeouts, timeoutsFrom } from './serverTimeouts.js';

export interface ServerParts {
  settings: Settings;
  content: Content;
  /** CloudAdapter and the bot, behind a botbuilder-free interface; loaded on first use. */
  botFramework: BotFrameworkEndpoint;
  log: Log;
  /** Whether the running content version has a sign-off; /healthz says so. */
  signedOff?: boolean;
}

/**
 * The restify server with the core routes: the Bot Framework endpoint, /healthz and
 * /privacy. Channels and web pages add their own routes to it.
 */
export function createServer({
  settings,
  content,
  botFramework,
  log,
  signedOff,
}: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'waymark', handleUncaughtExceptions: false });
  applyServerTimeouts(server.server, timeoutsFrom(settings));
  quietRestifyErrors(server, log);
  server.pre((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    return next();
  });

  server.get('/healthz', async (_req, res) => {
    // Whether a safeguarding lead signed off this content version (content/signoffs.yml).
    res.send(200, { status: 'ok', contentVersion: content.version, signedOff: signedOff ?? false });
  });

  const privacyHtml = privacyPage(content.wording.privacyNotice);
  server.get('/privacy', async (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(privacyHtml);
  });

  registerBotFrameworkEndpoint(server, {
    authenticated: Boolean(settings.MicrosoftAppId),
    botFramework,
    log,
  });
  return server;
}
