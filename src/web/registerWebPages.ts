import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type restify from 'restify';
import type { Settings } from '../config/settings.js';

const gzip = promisify(gzipCallback);

export interface WebPagesOptions {
  settings: Settings;
  /** The bot's exit words from content/: a message that is one of these fires the quick exit. */
  exitWords: string[];
}

/** Where `public/` and `node_modules/` live: two levels up from src/web. */
const projectRoot =
  typeof __dirname === 'string' ? path.resolve(__dirname, '..', '..') : process.cwd();
const publicDir = path.join(projectRoot, 'public');
const webChatBundle = path.join(
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

/**
 * Serves the charity widget and the web pages that go with it:
 *
 * - `GET /` a demo charity page with the widget on it;
 * - `GET /staying-safe-online` advice on using the web more safely, linked from the widget;
 * - `GET /site.css` the stylesheet of those two pages;
 * - `GET /widget.js` the embeddable widget, with the exit words and exit URL filled in;
 * - `GET /webchat/webchat.js` the Bot Framework Web Chat bundle, from node_modules (no CDN);
 * - `GET /favicon.ico` an empty 204, so browsers do not log a 404 on every page.
 *
 * Every response is `Cache-Control: no-store`. The privacy notice (`/privacy`) is served
 * elsewhere; the pages only link to it.
 */
export function registerWebPages(server: restify.Server, options: WebPagesOptions): void {
  const { settings } = options;
  const exitWords = [...new Set(options.exitWords.map(normaliseExitMessage).filter(Boolean))];
  const widgetConfig = { exitWords, exitUrl: settings.EXIT_URL };
  const pageHeaders = {
    ...baseHeaders(),
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(settings),
  };

  server.get('/', async (_req: restify.Request, res: restify.Response) => {
    send(res, 200, await readFile(path.join(publicDir, 'index.html')), pageHeaders);
  });

  server.get('/staying-safe-online', async (_req: restify.Request, res: restify.Response) => {
    send(res, 200, await readFile(path.join(publicDir, 'staying-safe-online.html')), pageHeaders);
  });

  server.get('/site.css', async (_req: restify.Request, res: restify.Response) => {
    send(res, 200, await readFile(path.join(publicDir, 'site.css')), {
      ...baseHeaders(),
      'Content-Type': 'text/css; charset=utf-8',
    });
  });

  server.get('/widget.js', async (_req: restify.Request, res: restify.Response) => {
    const source = await readFile(path.join(publicDir, 'widget.js'), 'utf8');
    send(res, 200, renderWidget(source, widgetConfig), {
      ...baseHeaders(),
      'Content-Type': 'text/javascript; charset=utf-8',
      // The charity's site loads this from another origin.
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });

  // Browsers ask for this on every page; answer quietly rather than with a 404.
  server.get('/favicon.ico', async (_req: restify.Request, res: restify.Response) => {
    send(res, 204, '', baseHeaders());
  });

  // The bundle is large (about 4 MB), so it is compressed once, in memory, on first use.
  let compressed: Promise<Buffer> | undefined;
  server.get('/webchat/webchat.js', async (req: restify.Request, res: restify.Response) => {
    const headers = {
      ...baseHeaders(),
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      Vary: 'Accept-Encoding',
    };
    if (/\bgzip\b/.test(req.header('accept-encoding', ''))) {
      compressed ??= readFile(webChatBundle).then((raw) => gzip(raw));
      try {
        send(res, 200, await compressed, { ...headers, 'Content-Encoding': 'gzip' });
        return;
      } catch (error) {
        compressed = undefined;
        throw error;
      }
    }
    send(res, 200, await readFile(webChatBundle), headers);
  });
}

/** Replaces the default config in widget.js with this server's, as a JSON literal. */
export function renderWidget(
  source: string,
  config: { exitWords: string[]; exitUrl: string },
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

function send(
  res: restify.Response,
  status: number,
  body: string | Buffer,
  headers: Record<string, string>,
): void {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...headers, 'Content-Length': String(payload.length) });
  res.end(payload);
}
