import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The node flags `npm start` runs the app with (from package.json), so that the start-up
 * and memory figures are taken as it runs, and change with it.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.trim().split(/\s+/);
  if (words[0] !== 'node' || words[words.length - 1] !== 'dist/index.js') {
    throw new Error(`npm start is not "node [flags] dist/index.js": ${pkg.scripts.start}`);
  }
  return words.slice(1, -1);
}
