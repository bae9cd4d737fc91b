import type { Content } from '../../content/loadContent.js';
import { compileDialogs } from '../../engine/compileConversation.js';
import type { Reply, Surface } from '../../engine/types.js';
import { everyReplyBySurface } from '../sms/everyReply.js';
import { countSegments } from '../sms/smsText.js';
import { TEAMS_DIALOG } from '../teams/teamsEdge.js';

const TEAMS_CHANNEL = 'msteams';
import { capabilityRows, type MessageBudget } from './channelCapabilities.js';
import { isMessage, type OutgoingMessage } from './outgoingActivity.js';
import { renderRepliesFor } from './renderReplies.js';

/** A message or reply that breaks a length rule, on one row of the capability table. */
export interface BudgetFinding {
  /**
   * `length-budget`: a message over its channel's budget; `budget-999`: a message of an
   * emergency reply, or one that shows a service, without 999; `one-message`: a brief
   * reply (urgent, emergency) that did not fit in one message.
   */
  rule: 'length-budget' | 'budget-999' | 'one-message';
  channel: string;
  /** The question, outcome or built-in reply it belongs to. */
  step: string;
  message: string;
}

/** How long something is: characters, and SMS segments on a channel that counts them. */
export interface Length {
  characters: number;
  segments?: number;
  step: string;
}

/** The figures for one row of the capability table. */
export interface ChannelFigures {
  channel: string;
  budget: MessageBudget;
  /** Distinct replies rendered, and the messages they became. */
  replies: number;
  messages: number;
  longestMessage?: Length;
  /** The longest reply, all its messages together, and how many messages it took. */
  longestReply?: Length & { messages: number };
}

export interface BudgetCheckResult {
  channels: ChannelFigures[];
  findings: BudgetFinding[];
}

const MENTIONS_999 = /\b999\b/;

/**
 * Renders every reply of every dialog (see {@link everyReplyBySurface}: every question,
 * every outcome for every routing combination, the emergency and urgent replies for every
 * kind and eligibility, trust answers, disclosure lines, reminders…) through each row of
 * the capability table, exactly as that channel would, and checks that:
 * - every message keeps to the row's budget (characters, or SMS segments counted with
 *   Twilio's calculator);
 * - every message of an emergency reply, and every message that shows a service, has 999
 *   (messages can arrive out of order);
 * - a brief reply (the urgent reply, the emergency reply, "are you safe now?") is one
 *   message, so nobody at risk gets a string of texts.
 */
export function checkMessageBudgets(
  content: Content,
  linkBase = 'https://waymark.example.org',
): BudgetCheckResult {
  const rows = capabilityRows();
  // Replies by dialog and surface. The staff conversation runs only in Teams; every other
  // dialog (triage included, which staff also preview in Teams) may run anywhere.
  const replies = new Map<string, Map<Surface, Reply[]>>();
  for (const conversation of compileDialogs(content).values()) {
    const shownOn = rows.filter((row) => showsDialog(row.channel, conversation.dialogId));
    const surfaces = [...new Set(shownOn.map((row) => row.capabilities.surface))];
    replies.set(conversation.dialogId, everyReplyBySurface(conversation, surfaces));
  }
  const repliesOn = (channel: string, surface: Surface): Reply[] =>
    [...replies].flatMap(([dialog, bySurface]) =>
      showsDialog(channel, dialog) ? (bySurface.get(surface) ?? []) : [],
    );
  const options = { contentVersion: content.version, linkBase };
  const findings: BudgetFinding[] = [];
  const channels: ChannelFigures[] = [];
  for (const { channel, capabilities } of rows) {
    const { budget } = capabilities;
    const lengthOf = (message: OutgoingMessage, step: string): Length => {
      const characters = message.text.length;
      if (budget.unit === 'characters') return { characters, step };
      const count = countSegments(message.text);
      return { characters: count.characters, segments: count.segments, step };
    };
    const size = (length: Length) =>
      budget.unit === 'segments' ? (length.segments ?? 0) : length.characters;
    const figures: ChannelFigures = { channel, budget, replies: 0, messages: 0 };
    const seen = new Set<string>();
    for (const reply of repliesOn(channel, capabilities.surface)) {
      const messages = renderRepliesFor([reply], capabilities, options).filter(isMessage);
      const key = JSON.stringify(messages.map((message) => message.text));
      if (seen.has(key)) continue;
      seen.add(key);
      figures.replies += 1;
      figures.messages += messages.length;
      const total: Length & { messages: number } = {
        characters: 0,
        ...(budget.unit === 'segments' ? { segments: 0 } : {}),
        step: reply.step,
        messages: messages.length,
      };
      for (const message of messages) {
        const length = lengthOf(message, reply.step);
        total.characters += length.characters;
        if (total.segments !== undefined) total.segments += length.segments ?? 0;
        if (!figures.longestMessage || length.characters > figures.longestMessage.characters) {
          figures.longestMessage = length;
        }
        const start = JSON.stringify(message.text.slice(0, 60));
        if (size(length) > budget.max) {
          findings.push({
            rule: 'length-budget',
            channel,
            step: reply.step,
            message: `a message of ${describe(length)}; at most ${budget.max} ${budget.unit}. It starts ${start}`,
          });
        }
        const showsService =
          message.channelData.signpost.services.length > 0 ||
          reply.services.some((service) => message.text.includes(service.name));
        if ((reply.urgency === 'emergency' || showsService) && !MENTIONS_999.test(message.text)) {
          findings.push({
            rule: 'budget-999',
            channel,
            step: reply.step,
            message: `an emergency or signpost message without 999. It starts ${start}`,
          });
        }
      }
      if (!figures.longestReply || total.characters > figures.longestReply.characters) {
        figures.longestReply = total;
      }
      if (reply.brief && messages.length > 1) {
        findings.push({
          rule: 'one-message',
          channel,
          step: reply.step,
          message: `a brief reply took ${messages.length} messages (${describe(total)}). It starts ${JSON.stringify(reply.text.slice(0, 60))}`,
        });
      }
    }
    channels.push(figures);
  }
  return { channels, findings };
}

/** The staff conversation is Teams' own; every other dialog is checked on every row. */
function showsDialog(channel: string, dialog: string): boolean {
  return dialog !== TEAMS_DIALOG || channel === TEAMS_CHANNEL;
}

/** "458 characters, 3 SMS segments" or "594 characters". */
export function describe(length: Length): string {
  return length.segments === undefined
    ? `${length.characters} characters`
    : `${length.characters} characters, ${length.segments} SMS segment(s)`;
}
