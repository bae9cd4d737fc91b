import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { checkSmsSettings, smsSettingsShape, type SmsSettings } from './smsSettings.js';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** An absolute http(s) address with no query or fragment; a trailing slash is dropped. */
const httpUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash;
    },
    { message: 'must be an absolute http:// or https:// address, such as https://bot.example.org' },
  )
  .transform((value) => value.replace(/\/+$/, ''));

const optionalHttpUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(httpUrl.optional());

/** A comma-separated list of web origins (scheme, host and port only; a final slash is dropped). */
const originList = commaList
  .transform((items) => items.map((item) => item.replace(/\/+$/, '')))
  .pipe(
    z.array(
      z.string().refine((value) => URL.canParse(value) && new URL(value).origin === value, {
        message: 'each entry must be an origin such as https://www.example.org (no path or slash)',
      }),
    ),
  );

/**
 * Every setting Waymark reads, validated once at start-up.
 * Each one is documented, with its safe default, in `.env.example`.
 */
export const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  PUBLIC_URL: optionalHttpUrl,
  NODE_ENV: z.string().default('development'),

  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,

  DIRECT_LINE_SECRET: optionalText,
  DIRECT_LINE_TOKEN_MINUTES: positiveInt(30),
  DIRECT_LINE_IDLE_SECONDS: positiveInt(180),
  DIRECT_LINE_MODE: z.enum(['self-hosted', 'azure']).default('self-hosted'),
  AZURE_DIRECT_LINE_SECRET: optionalText,
  AZURE_DIRECT_LINE_ENDPOINT: httpUrl.default('https://directline.botframework.com/v3/directline'),
  ALLOWED_ORIGINS: originList,
  EXIT_URL: httpUrl.default('https://www.bbc.co.uk/weather'),

  ...smsSettingsShape,

  ALLOWED_TENANTS: commaList,

  STORAGE: z.enum(['memory', 'blob']).default('memory'),
  AZURE_STORAGE_CONNECTION_STRING: optionalText,
  STATE_TTL_MINUTES: positiveInt(30),
  STATE_TIMEOUT_MS: positiveInt(2000),

  METRICS_TOKEN: optionalText,
  // It opens every word the bot says and the review: a guessable one is refused at start-up.
  ADMIN_TOKEN: optionalText.refine((value) => value === undefined || value.length >= 16, {
    message: 'ADMIN_TOKEN must be at least 16 characters (e.g. openssl rand -base64 32)',
  }),

  // Limits and timeouts (see README, "Limits and timeouts").
  WEBCHAT_TOKENS_PER_MINUTE: positiveInt(30),
  DIRECT_LINE_RATE_MESSAGES: positiveInt(20),
  DIRECT_LINE_RATE_WINDOW_SECONDS: positiveInt(10),
  HTTP_HEADERS_TIMEOUT_SECONDS: positiveInt(10),
  HTTP_REQUEST_TIMEOUT_SECONDS: positiveInt(30),
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: positiveInt(5),
  HTTP_IDLE_TIMEOUT_SECONDS: positiveInt(30),
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt(10),
  TRUSTED_PROXIES: commaList.pipe(
    z.array(
      z
        .string()
        .refine((value) => isIP(value) !== 0, { message: 'each entry must be an IP address' }),
    ),
  ),
});

/** Validated settings, plus values derived from them. */
export type Settings = z.infer<typeof settingsSchema> & {
  /** The Direct Line secret in force: the configured one, or a random one for this process. */
  directLineSecret: string;
  /** SMS through Twilio, when configured. */
  sms: SmsSettings | undefined;
};

/**
 * Reads settings from `env` (by default the process environment, after loading `.env`
 * if one exists). Throws an error that names each bad setting.
 */
export function loadSettings(env: NodeJS.ProcessEnv = readProcessEnv()): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid settings:\n${z.prettifyError(parsed.error)}`);
  }
  const settings = parsed.data;
  if (settings.STORAGE === 'blob' && !settings.AZURE_STORAGE_CONNECTION_STRING) {
    throw new Error('Invalid settings: STORAGE=blob needs AZURE_STORAGE_CONNECTION_STRING.');
  }
  if (settings.DIRECT_LINE_MODE === 'azure' && !settings.AZURE_DIRECT_LINE_SECRET) {
    throw new Error('Invalid settings: DIRECT_LINE_MODE=azure needs AZURE_DIRECT_LINE_SECRET.');
  }
  const sms = checkSmsSettings(settings);
  return {
    ...settings,
    sms,
    // A fresh clone must work with no secret configured, so each process makes its own.
    directLineSecret: settings.DIRECT_LINE_SECRET ?? randomBytes(32).toString('base64url'),
  };
}

function readProcessEnv(): NodeJS.ProcessEnv {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}
