/**
 * Twilio's standard opt-out words. Twilio itself then blocks further sends to the number
 * (error 21610) and sends its own confirmation; Waymark forgets the conversation and sends
 * nothing more.
 */
const OPT_OUT = new Set(['stop', 'stopall', 'unsubscribe', 'end', 'cancel', 'quit']);

/**
 * Words that begin afresh. "yes" is also one of Twilio's opt-in words, but here it answers
 * questions, so it is not one of these (the README says to remove it from Advanced Opt-Out).
 */
const OPT_IN = new Set(['start', 'unstop']);

/** A whole message reduced to one lower-case word, as Twilio matches its keywords. */
function keyword(body: string): string {
  return body
    .trim()
    .toLowerCase()
    .replace(/^[\s"'.!?]+|[\s"'.!?]+$/g, '');
}

/** What an SMS keyword asks for: opt out (stop), begin afresh (start), or nothing special. */
export type SmsKeyword = 'stop' | 'start' | undefined;

/**
 * Reads a whole message as an SMS keyword. `optOutType` is Twilio's own reading, sent with
 * the webhook when Advanced Opt-Out is on; only its STOP is trusted, because its START
 * also covers "yes", which here answers a question.
 */
export function readSmsKeyword(body: string, optOutType?: string): SmsKeyword {
  if (optOutType?.toUpperCase() === 'STOP') return 'stop';
  const word = keyword(body);
  if (OPT_OUT.has(word)) return 'stop';
  if (OPT_IN.has(word)) return 'start';
  return undefined;
}
