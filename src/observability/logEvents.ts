/**
 * Every event Waymark logs, in one closed list, in kebab-case with the part of the system
 * first ("sms-send-failed"). Adding an event means adding it here, where a reviewer sees
 * it. The list is also kept at run time, so an event name slipped past the types by a cast
 * is logged as `unknown-event` rather than as whatever it said.
 */
export const LOG_EVENTS = [
  // the process
  'listening',
  'warm-failed',
  'shutting-down',
  'shutdown-deadline-passed',
  'shutdown-failed',
  'stopped',
  'uncaught-exception',
  'unhandled-rejection',
  'content-unverified-facts',
  'urgency-model-trained-at-start',
  'content-not-signed-off',
  'signoffs-unreadable',
  // HTTP and the static pages
  'http-error',
  'static-file-missing',
  // the turn service and state
  'turn',
  'turn-retried',
  'turn-failed',
  'state-taken-up',
  'state-sweep-failed',
  'forget-failed',
  'fail-safe-degraded',
  'fail-safe-not-sent',
  // Bot Framework (/api/messages) and Teams
  'adapter-turn-failed',
  'api-messages-refused',
  'api-messages-failed',
  'teams-tenant-refused',
  // the self-hosted web channel (Direct Line) and its token routes
  'directline-conversation-expired',
  'directline-conversation-exit',
  'directline-rate-limited',
  'directline-rate-limit-bypassed',
  'directline-forget-failed',
  'directline-request-failed',
  'directline-greeting-failed',
  'directline-body-too-large',
  'directline-turn-failed',
  'directline-record-save-failed',
  'directline-record-delete-failed',
  'directline-stream-failed',
  'directline-stream-refused',
  'directline-stream-slow-reader',
  'webchat-token-refused',
  'webchat-azure-token-failed',
  'webchat-ended',
  // SMS (Twilio)
  'sms-no-sender',
  'sms-duplicate-ignored',
  'sms-receive-failed',
  'sms-opted-out',
  'sms-turn-failed',
  'sms-replied',
  'sms-rate-limit-bypassed',
  'sms-rate-limited',
  'sms-dedupe-unavailable',
  'sms-send-recovered',
  'sms-opted-out-at-twilio',
  'sms-send-retried',
  'sms-send-failed',
  'sms-delete-gave-up',
  'sms-record-deleted',
  'sms-delete-failed',
  'sms-unsigned-refused',
  'sms-body-refused',
  'sms-bad-signature-refused',
] as const;

/** One event Waymark logs: see {@link LOG_EVENTS}. */
export type LogEvent = (typeof LOG_EVENTS)[number];

const KNOWN: ReadonlySet<string> = new Set(LOG_EVENTS);

/** The event if it is in the list, or `unknown-event`: a guard behind the types. */
export function knownEvent(event: string): LogEvent | 'unknown-event' {
  return KNOWN.has(event) ? (event as LogEvent) : 'unknown-event';
}
