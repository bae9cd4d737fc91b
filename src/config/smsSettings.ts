import { isIP } from 'node:net';
import { z } from 'zod';

/** True for a URL on this machine: 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

/**
 * The SMS settings (Twilio). SMS is on when TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is set;
 * then everything it needs must be set too (see {@link checkSmsSettings}).
 */
export const smsSettingsShape = {
  TWILIO_ACCOUNT_SID: optionalText,
  TWILIO_AUTH_TOKEN: optionalText,
  /** The Twilio number replies come from (E.164), or… */
  TWILIO_FROM: optionalText,
  /** …a Messaging Service that picks the sender (and holds Advanced Opt-Out). */
  TWILIO_MESSAGING_SERVICE_SID: optionalText,
  /** Testing only: a loopback stand-in for Twilio's API. Unset means Twilio's own API. */
  TWILIO_API_BASE_URL: optionalText.refine((value) => value === undefined || isLoopbackUrl(value), {
    message:
      'TWILIO_API_BASE_URL is for a stand-in API on this machine only: use http://127.0.0.1:PORT, or leave it empty for Twilio',
  }),
  /** The key of the HMAC that turns a phone number into a conversation key. */
  SMS_KEY: optionalText.refine((value) => value === undefined || value.length >= 32, {
    message: 'SMS_KEY must be at least 32 characters (e.g. openssl rand -base64 32)',
  }),
  /** Delete each message record at Twilio once it is delivered (or has failed). */
  SMS_DELETE_AFTER_SEND: flag,
  /** Sent as ContentRetention on each reply; only accounts that have it enabled accept it. */
  SMS_CONTENT_RETENTION: z.enum(['retain', 'discard']).default('retain'),
  /** Sent as AddressRetention on each reply; only accounts that have it enabled accept it. */
  SMS_ADDRESS_RETENTION: z.enum(['retain', 'obfuscate']).default('retain'),
  /** Messages one number may send per window before the kind "slow down" reply. */
  SMS_RATE_MESSAGES: z.coerce.number().int().positive().default(10),
  SMS_RATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
};

/** The SMS channel's settings once checked: present only when SMS is configured. */
export interface SmsSettings {
  accountSid: string;
  authToken: string;
  sender: { from: string } | { messagingServiceSid: string };
  apiBaseUrl?: string;
  key: string;
  /** The public base URL that Twilio calls, as configured (signatures are checked on it). */
  publicUrl: string;
  deleteAfterSend: boolean;
  contentRetention: 'retain' | 'discard';
  addressRetention: 'retain' | 'obfuscate';
  rateMessages: number;
  rateWindowSeconds: number;
}

type Parsed = { [K in keyof typeof smsSettingsShape]: z.infer<(typeof smsSettingsShape)[K]> } & {
  PUBLIC_URL?: string | undefined;
};

/**
 * Checks the SMS settings together. Returns undefined when SMS is not configured, and
 * throws an "Invalid settings" error naming what is missing when it is half configured.
 */
export function checkSmsSettings(parsed: Parsed): SmsSettings | undefined {
  if (!parsed.TWILIO_ACCOUNT_SID && !parsed.TWILIO_AUTH_TOKEN) return undefined;
  const missing: string[] = [];
  if (!parsed.TWILIO_ACCOUNT_SID) missing.push('TWILIO_ACCOUNT_SID');
  if (!parsed.TWILIO_AUTH_TOKEN) missing.push('TWILIO_AUTH_TOKEN');
  if (!parsed.TWILIO_FROM && !parsed.TWILIO_MESSAGING_SERVICE_SID)
    missing.push('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
  if (!parsed.SMS_KEY) missing.push('SMS_KEY');
  if (!parsed.PUBLIC_URL)
    missing.push('PUBLIC_URL (the address Twilio calls; signatures are checked on it)');
  if (missing.length > 0) {
    throw new Error(`Invalid settings: SMS (Twilio) needs ${missing.join(', ')}.`);
  }
  return {
    accountSid: parsed.TWILIO_ACCOUNT_SID ?? '',
    authToken: parsed.TWILIO_AUTH_TOKEN ?? '',
    sender: parsed.TWILIO_MESSAGING_SERVICE_SID
      ? { messagingServiceSid: parsed.TWILIO_MESSAGING_SERVICE_SID }
      : { from: parsed.TWILIO_FROM ?? '' },
    ...(parsed.TWILIO_API_BASE_URL ? { apiBaseUrl: parsed.TWILIO_API_BASE_URL } : {}),
    key: parsed.SMS_KEY ?? '',
    publicUrl: parsed.PUBLIC_URL ?? '',
    deleteAfterSend: parsed.SMS_DELETE_AFTER_SEND,
    contentRetention: parsed.SMS_CONTENT_RETENTION,
    addressRetention: parsed.SMS_ADDRESS_RETENTION,
    rateMessages: parsed.SMS_RATE_MESSAGES,
    rateWindowSeconds: parsed.SMS_RATE_WINDOW_SECONDS,
  };
}
