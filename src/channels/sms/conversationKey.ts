import { createHmac } from 'node:crypto';

/**
 * The conversation key for a phone number: an HMAC-SHA256 of the number under SMS_KEY.
 * The same number always gives the same key, so a conversation carries on, but the key
 * cannot be turned back into the number without SMS_KEY. The number itself is never
 * stored or logged; it lives in memory only for the turn, to reply.
 */
export function smsConversationKey(smsKey: string, phoneNumber: string): string {
  return createHmac('sha256', smsKey).update(phoneNumber.trim()).digest('base64url');
}
