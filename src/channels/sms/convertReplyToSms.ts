import type { Choice, Reply, ServiceView } from '../../engine/types.js';
import type { OutgoingMessage, RenderOptions } from '../render/outgoingActivity.js';
import { signpostOf } from '../render/outgoingActivity.js';
import { describeServiceForSms, SERVICE_DETAILS } from './describeServiceForSms.js';
import { countSegments, normaliseForGsm } from './smsText.js';

/** What the SMS row of the capability table says about a message. */
export interface SmsLimits {
  /** Every message fits in this many segments. */
  maxSegments: number;
}

const MENTIONS_999 = /\b999\b/;

/** "Reply 1 for Yes, 2 for No": on one line for the emergency reply, one a line otherwise. */
export function numberedChoices(choices: readonly Choice[], oneLine: boolean): string {
  const parts = choices.map((choice, index) =>
    index === 0 ? `Reply 1 for ${choice.label}` : `${index + 1} for ${choice.label}`,
  );
  return oneLine ? `${parts.join(', ')}.` : parts.join('\n');
}

/** The sentence of a reply that gives 999, repeated in each message the reply splits into. */
export function sentenceWith999(text: string): string | undefined {
  for (const line of text.split('\n')) {
    if (!MENTIONS_999.test(line)) continue;
    return line.split(/(?<=[.!?])\s+/).find((sentence) => MENTIONS_999.test(sentence)) ?? line;
  }
  return undefined;
}

/** One message being built: its text, the services it shows, and the choices, if last. */
interface Chunk {
  body: string;
  services: ServiceView[];
  choices?: string;
}

/**
 * Renders one reply for SMS: plain GSM-7 text where the meaning allows, each message at
 * most `maxSegments` segments (counted with Twilio's calculator). Services become short
 * text with their numbers written out; a reply with several may become several messages,
 * and a service is shortened only when it cannot fit in a message of its own. Texts can
 * arrive out of order, so every message of an emergency reply, and every message that
 * shows a service, carries the reply's 999 sentence. Choices are numbered ("Reply 1 for
 * …") at the end of the last message, and are answered by number or in words.
 */
export function convertReplyToSms(
  reply: Reply,
  limits: SmsLimits,
  options: RenderOptions,
): OutgoingMessage[] {
  const emergency = reply.urgency === 'emergency';
  const with999 = sentenceWith999(reply.text);
  /** The message as sent: body, the 999 sentence when it must have one, then choices. */
  const finished = (chunk: Chunk): string => {
    const needs999 = emergency || chunk.services.length > 0;
    let text = chunk.body;
    if (needs999 && with999 && !MENTIONS_999.test(text)) text = `${text}\n${with999}`;
    // The emergency reply keeps to its three lines: the choices join its last line.
    if (chunk.choices) text = `${text}${emergency ? ' ' : '\n'}${chunk.choices}`;
    return text;
  };
  const fits = (chunk: Chunk) => countSegments(finished(chunk)).segments <= limits.maxSegments;

  const head = [reply.text];
  for (const link of reply.links) {
    head.push(`${link.label}: ${new URL(link.url, options.linkBase).toString()}`);
  }
  const headText = normaliseForGsm(head.join('\n'));
  const choiceText =
    reply.choices.length > 0 ? normaliseForGsm(numberedChoices(reply.choices, emergency)) : '';
  const asMessages = (list: Chunk[]): OutgoingMessage[] =>
    list.map((chunk, index) => ({
      type: 'message',
      text: finished(chunk).trim(),
      textFormat: 'plain',
      channelData: signpostOf({ ...reply, signposted: signpostedIn(reply, list, index) }, options),
    }));

  if (reply.brief) {
    // One message if any level of detail, the same for every service, lets it fit.
    for (const detail of SERVICE_DETAILS) {
      const blocks = reply.services.map((service) =>
        normaliseForGsm(describeServiceForSms(service, detail)),
      );
      const one: Chunk = {
        body: [headText, ...blocks].join('\n\n'),
        services: [...reply.services],
        ...(choiceText ? { choices: choiceText } : {}),
      };
      if (fits(one)) return asMessages([one]);
    }
  }
  const chunks = splitLines(headText, fits);

  // A brief reply that fits no single message still keeps its services short.
  const details = reply.brief ? SERVICE_DETAILS.slice(-1) : SERVICE_DETAILS;
  for (const service of reply.services) {
    const blocks = details.map((detail) => normaliseForGsm(describeServiceForSms(service, detail)));
    const last = chunks[chunks.length - 1];
    const whole: Chunk | undefined = last && {
      body: `${last.body}\n\n${blocks[0] ?? ''}`,
      services: [...last.services, service],
    };
    if (whole && fits(whole)) {
      chunks[chunks.length - 1] = whole;
      continue;
    }
    const alone = blocks.map((body) => ({ body, services: [service] }));
    chunks.push(alone.find(fits) ?? (alone[alone.length - 1] as Chunk));
  }

  if (choiceText) {
    const last = chunks[chunks.length - 1];
    if (last && fits({ ...last, choices: choiceText })) last.choices = choiceText;
    else chunks.push({ body: '', services: [], choices: choiceText });
  }

  return asMessages(chunks);
}

/** Text split at line ends into as few messages as fit (a line never splits). */
function splitLines(text: string, fits: (chunk: Chunk) => boolean): Chunk[] {
  const chunks: Chunk[] = [];
  let body = '';
  for (const line of text.split('\n')) {
    const joined = body ? `${body}\n${line}` : line;
    if (!body || fits({ body: joined, services: [] })) body = joined;
    else {
      chunks.push({ body, services: [] });
      body = line;
    }
  }
  chunks.push({ body, services: [] });
  return chunks;
}

/**
 * The ids a message signposts: the services it shows. Ids the reply signposts in its text
 * alone (Samaritans in the emergency reply) belong to its first message.
 */
function signpostedIn(reply: Reply, chunks: readonly Chunk[], index: number): string[] {
  const shownIn = (chunk: Chunk | undefined) => new Set(chunk?.services.map((s) => s.id));
  const mine = shownIn(chunks[index]);
  const anywhere = new Set(chunks.flatMap((chunk) => chunk.services.map((s) => s.id)));
  return reply.signposted.filter((id) => mine.has(id) || (index === 0 && !anywhere.has(id)));
}
