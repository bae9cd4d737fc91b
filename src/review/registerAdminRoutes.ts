import type { Server } from 'restify';
import type { Settings } from '../config/settings.js';
import type { Content } from '../content/loadContent.js';
import { readFromDisk } from '../content/loadContent.js';
import MarkdownIt from 'markdown-it';
import { createAdminCheck } from './adminAuth.js';
import { createAdminPages, type AdminPages } from './adminPages.js';
import { dpiaMarkdown, privacyNoticeMarkdown } from './dataProtection.js';
import { page } from './html.js';
import type { Signoff } from './signoffs.js';

export interface AdminRouteOptions {
  token: string | undefined;
  content: Content;
  settings: Settings;
  signoff: Signoff | undefined;
  now: () => Date;
  linkBase: string;
  root?: string;
}

/**
 * Serves the safeguarding review at /admin: the book, the map, the content check and the
 * data protection pack, for a caller with ADMIN_TOKEN (Bearer, or Basic with the token as
 * the password so a browser can ask for it). With no token set the routes do not exist.
 */
export function registerAdminRoutes(server: Server, options: AdminRouteOptions): void {
  if (!options.token) return;
  const allowed = createAdminCheck(options.token);
  const markdown = new MarkdownIt({ html: true });
  const pages: AdminPages = createAdminPages({
    content: options.content,
    read: readFromDisk(options.root),
    signoff: options.signoff,
    now: options.now,
    linkBase: options.linkBase,
  });
  const dataProtection = () =>
    page(
      'Waymark data protection pack',
      markdown.render(
        `${privacyNoticeMarkdown(options.content)}\n\n---\n\n${dpiaMarkdown(options.content, options.settings)}`,
      ),
    );
  const routes: [string, () => Promise<string>][] = [
    ['/admin', () => pages.index()],
    ['/admin/book', () => pages.book()],
    ['/admin/map', () => pages.map()],
    ['/admin/check', () => pages.check()],
    ['/admin/data-protection', () => Promise.resolve(dataProtection())],
  ];
  for (const [path, build] of routes) {
    server.get(path, async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Robots-Tag', 'noindex');
      if (!allowed(req.headers.authorization)) {
        res.setHeader('WWW-Authenticate', 'Basic realm="Waymark admin", charset="UTF-8"');
        res.send(401, { error: 'unauthorized' });
        return;
      }
      const html = await build();
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        // The pages are self-contained: inline styles only, no scripts, nothing fetched.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      });
      res.end(html);
    });
  }
}
