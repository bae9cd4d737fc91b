import type { Content } from '../../content/loadContent.js';
import { compileDialogs } from '../../engine/compileConversation.js';
import { capabilitiesOf } from '../render/channelCapabilities.js';
import { renderReplies } from '../render/renderReplies.js';
import { isMessage } from '../render/outgoingActivity.js';
import { SMS_CHANNEL } from './smsChannelId.js';
import { everyReply } from './everyReply.js';
import { countSegments, type SegmentCount } from './smsText.js';

/** A message that breaks an SMS rule, with the step it belongs to. */
export interface SmsFinding {
  rule: 'sms-segments' | 'sms-999';
  /** The question, outcome or built-in reply that the message belongs to. */
  step: string;
  message: string;
}

/** What the check found, and the longest message, for the report. */
export interface SmsCheckResult {
  messages: number;
  longest?: SegmentCount & { step: string };
  findings: SmsFinding[];
}

/**
 * Renders every reply of every dialog in dialogs/ (with content/) for SMS (see {@link everyReply}) exactly as
 * the SMS channel would, and checks each message: at most the SMS row's segment limit,
 * and 999 in every emergency message and every message that shows a service (texts can
 * arrive out of order, so the first message having it is not enough).
 */
export function checkSmsMessages(
  content: Content,
  linkBase = 'https://waymark.example.org',
): SmsCheckResult {
  const { budget } = capabilitiesOf(SMS_CHANNEL);
  const limit = budget.unit === 'segments' ? budget.max : 3;
  const options = { contentVersion: content.version, linkBase };
  const findings: SmsFinding[] = [];
  const texts = new Set<string>();
  let longest: SmsCheckResult['longest'];
  const replies = [...compileDialogs(content).values()].flatMap((conversation) =>
    everyReply(conversation, capabilitiesOf(SMS_CHANNEL).surface),
  );
  for (const reply of replies) {
    for (const activity of renderReplies([reply], SMS_CHANNEL, options).filter(isMessage)) {
      if (texts.has(activity.text)) continue;
      texts.add(activity.text);
      const count = countSegments(activity.text);
      const { step, urgency, services } = activity.channelData.signpost;
      if (!longest || count.segments > longest.segments || count.characters > longest.characters)
        longest = { ...count, step };
      const start = JSON.stringify(activity.text.slice(0, 60));
      if (count.segments > limit) {
        findings.push({
          rule: 'sms-segments',
          step,
          message: `a message takes ${count.segments} SMS segments (${count.encoding}, ${count.characters} characters); at most ${limit}. It starts ${start}`,
        });
      }
      const showsService = reply.services.some((service) => activity.text.includes(service.name));
      if (
        (urgency === 'emergency' || showsService || services.length > 0) &&
        !/\b999\b/.test(activity.text)
      ) {
        findings.push({
          rule: 'sms-999',
          step,
          message: `an emergency or signpost message without 999. It starts ${start}`,
        });
      }
    }
  }
  return { messages: texts.size, ...(longest ? { longest } : {}), findings };
}
