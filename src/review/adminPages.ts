import type { Content } from '../content/loadContent.js';
import { bookHtml } from './bookHtml.js';
import { buildReview } from './bookModel.js';
import { checkContent } from './contentCheck.js';
import { freshnessReport, freshnessSummary } from './factFreshness.js';
import { escapeHtml, page } from './html.js';
import { mapHtml } from './mapHtml.js';
import type { Signoff } from './signoffs.js';

/** The pages /admin serves, each built on first request and then kept for the process. */
export interface AdminPages {
  index(): Promise<string>;
  map(): Promise<string>;
  book(): Promise<string>;
  check(): Promise<string>;
}

export interface AdminPageOptions {
  content: Content;
  read: (path: string) => string;
  signoff: Signoff | undefined;
  now: () => Date;
  linkBase: string;
}

/** Builds the admin pages lazily: the book takes seconds, and most processes never need it. */
export function createAdminPages(options: AdminPageOptions): AdminPages {
  const cache = new Map<string, Promise<string>>();
  const once = (name: string, build: () => Promise<string> | string) => {
    let built = cache.get(name);
    if (!built) {
      built = Promise.resolve().then(build);
      cache.set(name, built);
    }
    return built;
  };
  const { content } = options;
  return {
    index: () =>
      once('index', () => {
        const signed = options.signoff
          ? `<p><span class="badge routine">signed off</span> by ${escapeHtml(options.signoff.by)} on ${escapeHtml(options.signoff.date)}.</p>`
          : `<p><span class="badge emergency">not signed off</span> This content version has no sign-off. Read the book, then run <code>npm run content:signoff -- --by "Name, role"</code> and commit content/signoffs.yml.</p>`;
        return page(
          'Waymark admin',
          `<h1>Waymark: safeguarding review</h1><p class="meta">Running content version <b>${escapeHtml(content.version)}</b>.</p>${signed}
<ul><li><a href="/admin/book">The book of every path</a> (every word on every path, for web, Teams and SMS)</li>
<li><a href="/admin/map">The map of every conversation</a></li>
<li><a href="/admin/check">Content check</a>: errors, unverified and stale facts, reading ease</li>
<li><a href="/admin/data-protection">Data protection pack</a>: privacy notice and DPIA starting point</li></ul>`,
        );
      }),
    map: () => once('map', () => mapHtml(content, options.now())),
    book: () =>
      once('book', () =>
        bookHtml(buildReview(content, { now: options.now(), linkBase: options.linkBase })),
      ),
    check: () =>
      once('check', () => {
        const result = checkContent(options.read, options.now());
        const rows = [
          ...result.errors.map((f) => ({ ...f, level: 'error' })),
          ...result.warnings.map((f) => ({ ...f, level: 'warning' })),
        ]
          .map(
            (f) =>
              `<tr><td>${f.level}</td><td>${escapeHtml(f.rule)}</td><td>${escapeHtml(f.file)}</td><td>${escapeHtml(f.path)}</td><td>${escapeHtml(f.message)}</td></tr>`,
          )
          .join('');
        return page(
          'Waymark content check',
          `<h1>Content check</h1><p class="meta">${result.errors.length} error(s), ${result.warnings.length} warning(s). Content version ${escapeHtml(content.version)}.</p><p><b>Freshness:</b> ${escapeHtml(freshnessSummary(freshnessReport(content, options.now())))}</p><table><tr><th>level</th><th>rule</th><th>file</th><th>path</th><th>what</th></tr>${rows}</table>`,
        );
      }),
  };
}
