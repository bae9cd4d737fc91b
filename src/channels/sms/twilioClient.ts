import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient.js';
import type { SmsSettings } from '../../config/smsSettings.js';

/** Twilio's own API host; every call the client makes starts with it. */
const TWILIO_API = 'https://api.twilio.com';

/**
 * The official client's HTTP layer, sending every call to a stand-in API instead of
 * Twilio's, with the same paths, query and form fields. Only for TWILIO_API_BASE_URL,
 * which settings allow on loopback only (region and edge settings cannot reach it).
 */
class StandInRequestClient extends RequestClient {
  constructor(
    private readonly baseUrl: string,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    const target = new URL(options.uri);
    const base = this.baseUrl.replace(/\/+$/, '');
    return super.request({ ...options, uri: `${base}${target.pathname}${target.search}` });
  }
}

/** The official Twilio client for the Messages API, with a bounded time per request. */
export function createTwilioClient(sms: SmsSettings, timeoutMs: number): twilio.Twilio {
  const options = { timeout: timeoutMs, keepAlive: true };
  const httpClient = sms.apiBaseUrl
    ? new StandInRequestClient(sms.apiBaseUrl, options)
    : new RequestClient(options);
  return twilio(sms.accountSid, sms.authToken, { httpClient });
}

export { TWILIO_API };
