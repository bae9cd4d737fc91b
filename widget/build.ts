import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import yaml from 'js-yaml';

/** Where the widget's sources and its built file live. */
const root = path.resolve(__dirname, '..');
export const WIDGET_ENTRY = path.join(root, 'widget', 'index.ts');
export const WIDGET_OUTPUT = path.join(root, 'public', 'widget.js');

/**
 * The default server config baked into the file: the `leaveSite` words of
 * content/commands.yml, so there is one list. The bot host replaces this region when it
 * serves the file (src/web/registerWebPages.ts), with the same list and its EXIT_URL.
 */
export function defaultServerConfig(): { exitWords: string[]; exitUrl: string } {
  const commands = yaml.load(readFileSync(path.join(root, 'content', 'commands.yml'), 'utf8')) as {
    leaveSite?: string[];
  };
  return { exitWords: commands.leaveSite ?? ['exit'], exitUrl: 'https://www.bbc.co.uk/weather' };
}

/**
 * Builds widget/ into public/widget.js: one ES2019 script, all inside one closure, that
 * declares nothing global. The config region keeps its comment markers because it is in
 * the banner, which esbuild copies verbatim.
 */
export async function buildWidget(outfile = WIDGET_OUTPUT): Promise<void> {
  const config = JSON.stringify(defaultServerConfig()).replace(/</g, '\\u003c');
  await build({
    entryPoints: [WIDGET_ENTRY],
    outfile,
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    banner: {
      js: [
        '/* Waymark chat widget. Built from widget/ by widget/build.ts: do not edit. */',
        '(function () {',
        `const WAYMARK_SERVER = /* WAYMARK_SERVER_CONFIG */ ${config} /* END_WAYMARK_SERVER_CONFIG */;`,
      ].join('\n'),
    },
    footer: { js: '})();' },
  });
}

if (require.main === module) {
  buildWidget().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
