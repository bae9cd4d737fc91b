import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { APP_PACKAGE_DIR, buildAppPackage, icons } from './buildAppPackage.js';

/**
 * `npm run teams:package`: writes appPackage/build/waymark-teams.zip for upload to Teams,
 * with the bot id from MicrosoftAppId (and TEAMS_APP_ID, PUBLIC_URL when set), read from
 * the environment or .env. Also refreshes the committed icons from their drawing code.
 */
async function main(): Promise<void> {
  if (process.env.MicrosoftAppId === undefined) {
    try {
      process.loadEnvFile('.env');
    } catch {
      // No .env: the environment alone decides.
    }
  }
  const botId = process.env.MicrosoftAppId?.trim();
  if (!botId) {
    console.error(
      "Set MicrosoftAppId (the Azure Bot's app id) in the environment or .env, then run npm run teams:package again.",
    );
    process.exit(1);
  }
  const zip = await buildAppPackage({
    botId,
    appId: process.env.TEAMS_APP_ID?.trim() || undefined,
    publicUrl: process.env.PUBLIC_URL?.trim() || undefined,
  });
  for (const [name, png] of Object.entries(icons())) {
    writeFileSync(path.join(APP_PACKAGE_DIR, name), png);
  }
  const outDir = path.join(APP_PACKAGE_DIR, 'build');
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, 'waymark-teams.zip');
  writeFileSync(out, zip);
  console.log(
    `Wrote ${path.relative(process.cwd(), out)} (${zip.length} bytes). Upload it in Teams: Apps > Manage your apps > Upload an app.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
