import twilio from 'twilio';

/** SMS settings for a Waymark under the bench or the load test (fake account, loopback API). */
export const SMS = {
  accountSid: `AC${'1'.repeat(32)}`,
  authToken: 'bench-auth-token-0123456789abcdef',
  publicUrl: 'https://waymark.example.org',
  from: '+447700900001',
  key: 'bench-sms-key-that-is-at-least-32-characters',
};

let messageSids = 0;

/** Twilio's inbound webhook fields for one text, with a MessageSid unique to this process. */
export function smsWebhook(from: string, text: string): Record<string, string> {
  messageSids += 1;
  const sid = `SM${String(process.pid).padStart(8, '0')}${String(messageSids).padStart(24, '0')}`;
  return {
    ToCountry: 'GB',
    SmsMessageSid: sid,
    NumMedia: '0',
    MessageSid: sid,
    AccountSid: SMS.accountSid,
    From: from,
    To: SMS.from,
    Body: text,
    NumSegments: '1',
    ApiVersion: '2010-04-01',
  };
}

/** A webhook body and its X-Twilio-Signature, signed by the official twilio library. */
export function signedWebhook(fields: Record<string, string>, path = '/api/sms') {
  const url = `${SMS.publicUrl}${path}`;
  const signature = twilio.getExpectedTwilioSignature(SMS.authToken, url, fields);
  return { body: new URLSearchParams(fields).toString(), signature };
}

/**
 * Settings for Waymark under load: the real settings, SMS on (replies to `twilioApi`, a
 * stand-in on loopback), and the flood limits raised (per conversation, and new web chats per
 * client, since every client here comes from loopback), for this run only.
 */
export function underLoadEnv(twilioApi: string, directLineSecret: string): Record<string, string> {
  return {
    DIRECT_LINE_SECRET: directLineSecret,
    DIRECT_LINE_RATE_MESSAGES: '1000000000',
    SMS_RATE_MESSAGES: '1000000000',
    WEBCHAT_TOKENS_PER_MINUTE: '1000000000',
    PUBLIC_URL: SMS.publicUrl,
    TWILIO_ACCOUNT_SID: SMS.accountSid,
    TWILIO_AUTH_TOKEN: SMS.authToken,
    TWILIO_FROM: SMS.from,
    SMS_KEY: SMS.key,
    TWILIO_API_BASE_URL: twilioApi,
  };
}
