import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type restify from 'restify';
import { sendJson } from '../channels/directline/http.js';
import type { Settings } from '../config/settings.js';
import type { Log } from '../observability/log.js';
import type { StaticRoute } from '../observability/logFields.js';
import { describeError } from '../server/describeError.js';
import { GZIP_DIR, prepareAsset, sendAsset, storeGzip, type StaticAsset } from './staticAsset.js';

export interface WebPagesOptions {
  settings: Settings;
  /** The bot's exit words from content/: a message that is one of these fires the quick exit. */
  exitWords: string[];
}

/** Where `public/` and `node_modules/` live: two levels up from src/web. */
const projectRoot =
  typeof __dirname === 'string' ? path.resolve(__dirname, '..', '..') : process.cwd();
const publicDir = path.join(projectRoot, 'public');
export const webChatBundle = path.join(
  projectRoot,
  'node_modules',
  'botframework-webchat',
  'dist',
  'webchat.js',
);

/** The region of public/widget.js that is replaced, at serve time, with the server's config. */
const CONFIG_REGION = /\/\* WAYMARK_SERVER_CONFIG \*\/[\s\S]*?\/\* END_WAYMARK_SERVER_CONFIG \*\//;

/**
 * The normalisation applied to exit words and to what the person types, here and in
 * public/widget.js: lower-cased, inner whitespace collapsed, trimmed, and trailing
 * punctuation removed. "Exit!" and " EXIT. " both become "exit".
 */
export function normaliseExitMessage(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s\p{P}]+$/u, '')
    .trim();
}

/** The Web Chat bundle's URL path for a content hash: it changes whenever the bundle does. */
export function webChatPath(hash: string): string {
  return `/webchat/webchat.${hash}.js`;
}

/** A year, the longest a browser is asked to keep a file whose URL names its content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** What `registerWebPages` gives back. */
export interface WebPages {
  /** Resolves once every file is read and compressed; the server listens only after. */
  ready: Promise<void>;
}

/**
 * Serves the charity widget and the web pages that go with it:
 *
 * - `GET /` a demo charity page with the widget on it;
 * - `GET /staying-safe-online` advice on using the web more safely, linked from the widget;
 * - `GET /site.css` the stylesheet of those two pages;
 * - `GET /widget.js` the embeddable widget, with the exit words, exit URL and the Web Chat
 *   bundle's hashed URL filled in;
 * - `GET /webchat/webchat.<hash>.js` the Bot Framework Web Chat bundle, from node_modules
 *   (no CDN), cached by browsers for a year because its URL changes with its content;
 * - `GET /webchat/webchat.js` the same bundle at its old, unhashed URL, for pages that still
 *   hold an old widget.js;
 * - `GET /favicon.ico` an empty 204, so browsers do not log a 404 on every page.
 *
 * Every file is read and gzipped once, at start-up, and served from memory (see
 * StaticAsset). Every response but the hashed bundle is `Cache-Control: no-store`. The
 * privacy notice (`/privacy`) is served elsewhere; the pages only link to it.
 */
export function registerWebPages(
  server: restify.Server,
  options: WebPagesOptions,
  log: Log = () => undefined,
): WebPages {
  const { settings } = options;
  const exitWords = [...new Set(options.exitWords.map(normaliseExitMessage).filter(Boolean))];
  const pageHeaders = {
    ...baseHeaders(),
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(settings),
  };
  const scriptHeaders = {
    ...baseHeaders(),
    'Content-Type': 'text/javascript; charset=utf-8',
    // The charity's site loads these from another origin.
    'Cross-Origin-Resource-Policy': 'cross-origin',
  };

  const assets = new Map<string, StaticAsset>();
  let bundleHash = '';
  const load = async (route: StaticRoute, file: string, headers: Record<string, string>) => {
    try {
      assets.set(route, await prepareAsset(await readFile(file), headers));
    } catch (error) {
      // The bot must still answer chats when a page is missing; the page then gets 404.
      log('static-file-missing', { route, ...describeError(error) });
    }
  };
  const ready = (async () => {
    await Promise.all([
      load('/', path.join(publicDir, 'index.html'), pageHeaders),
      load('/staying-safe-online', path.join(publicDir, 'staying-safe-online.html'), pageHeaders),
      load('/site.css', path.join(publicDir, 'site.css'), {
        ...baseHeaders(),
        'Content-Type': 'text/css; charset=utf-8',
      }),
      load('/webchat/webchat.js', webChatBundle, scriptHeaders),
    ]);
    bundleHash = assets.get('/webchat/webchat.js')?.hash ?? '';
    const widgetConfig = {
      exitWords,
      exitUrl: settings.EXIT_URL,
      ...(bundleHash ? { webChatUrl: webChatPath(bundleHash) } : {}),
    };
    try {
      const source = await readFile(path.join(publicDir, 'widget.js'), 'utf8');
      const widget = Buffer.from(renderWidget(source, widgetConfig), 'utf8');
      assets.set('/widget.js', await prepareAsset(widget, scriptHeaders));
    } catch (error) {
      log('static-file-missing', { route: '/widget.js', ...describeError(error) });
    }
  })();

  const serve =
    (route: string, extra?: Record<string, string>) =>
    async (req: restify.Request, res: restify.Response) => {
      await ready;
      const asset = assets.get(route);
      if (!asset) return sendJson(res, 404, { error: 'Not found.' });
      sendAsset(req, res, asset, extra);
    };

  for (const route of [
    '/',
    '/staying-safe-online',
    '/site.css',
    '/widget.js',
    '/webchat/webchat.js',
  ]) {
    server.get(route, serve(route));
    server.head(route, serve(route));
  }
  const hashed = async (req: restify.Request, res: restify.Response) => {
    await ready;
    const name = (req.params as Record<string, unknown> | undefined)?.name;
    const asset = assets.get('/webchat/webchat.js');
    if (!asset || name !== `webchat.${bundleHash}.js`) {
      return sendJson(res, 404, { error: 'Not found.' });
    }
    sendAsset(req, res, asset, { 'Cache-Control': IMMUTABLE });
  };
  server.get('/webchat/:name', hashed);
  server.head('/webchat/:name', hashed);

  // Browsers ask for this on every page; answer quietly rather than with a 404.
  server.get('/favicon.ico', async (_req: restify.Request, res: restify.Response) => {
    res.writeHead(204, baseHeaders());
    res.end();
  });

  return { ready };
}

/** Replaces the default config in widget.js with this server's, as a JSON literal. */
export function renderWidget(
  source: string,
  config: { exitWords: string[]; exitUrl: string; webChatUrl?: string },
): string {
  // Escape "<" so that the literal can never close a surrounding <script> element.
  const literal = JSON.stringify(config).replace(/</g, '\\u003c');
  if (!CONFIG_REGION.test(source)) {
    throw new Error('public/widget.js has lost its WAYMARK_SERVER_CONFIG markers');
  }
  return source.replace(CONFIG_REGION, () => `${literal};`);
}

function baseHeaders(): Record<string, string> {
  return {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * The policy for our own pages. Web Chat injects its styles at run time, so inline styles
 * are allowed; scripts come only from this host. In Azure mode Web Chat also talks to
 * Azure Bot Service.
 */
function contentSecurityPolicy(settings: Settings): string {
  const connect = ["'self'"];
  if (settings.DIRECT_LINE_MODE === 'azure') {
    const azure = new URL(settings.AZURE_DIRECT_LINE_ENDPOINT);
    connect.push(azure.origin, `wss://${azure.host}`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Run by `npm run build`: gzips the Web Chat bundle ahead of time (dist/gzip/), so start-up
 * only reads it. The pages and the widget are small, and the widget is filled in at start-up.
 */
if (require.main === module) {
  void (async () => {
    await rm(GZIP_DIR, { recursive: true, force: true });
    // A missing bundle is reported at start-up (static-file-missing), not here.
    const bundle = await readFile(webChatBundle).catch(() => undefined);
    if (bundle) await storeGzip(bundle);
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
