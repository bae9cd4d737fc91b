import { loadContent, readFromDisk } from '../content/loadContent.js';
import { readCliOptions, writeOut } from './cliOptions.js';
import { mapHtml } from './mapHtml.js';

/** `npm run content:map -- --out FILE`: a picture of each conversation, as offline HTML. */
async function main(): Promise<void> {
  const options = readCliOptions('waymark-map.html');
  const content = loadContent(readFromDisk());
  writeOut(options.out, await mapHtml(content, options.now));
  process.stdout.write(
    `content:map: ${content.dialogs.map((d) => d.id).join(', ')}, content version ${content.version}: wrote ${options.out}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
