import type { Choice, Reply } from '../../engine/types.js';
import { adaptiveChoicesCard, adaptiveServiceCard } from './adaptiveReplyCards.js';
import type { ChannelCapabilities } from './channelCapabilities.js';
import { serviceLines } from './describeService.js';
import { choiceActions, escapeMarkdown, heroChoicesCard, heroServiceCard } from './heroCards.js';
import {
  signpostOf,
  type OutgoingMessage,
  type RenderOptions,
  type Signpost,
} from './outgoingActivity.js';
import { splitToBudget } from './splitToBudget.js';
import { sentenceWith999 } from '../sms/convertReplyToSms.js';

const MENTIONS_999 = /\b999\b/;

/**
 * True when a channel shows these choices as buttons: it has a button style, room for all
 * of them, and for the longest label. Otherwise they are numbered in the text, which every
 * channel can show and the engine reads ("2", "the second").
 */
export function choicesAsButtons(
  choices: readonly Choice[],
  capabilities: ChannelCapabilities,
): boolean {
  const { choices: style, maxButtons, maxButtonTitle, cards, adaptiveCards } = capabilities;
  if (choices.length === 0 || style === 'numbered-list') return false;
  if (style === 'card-buttons' && !cards && !adaptiveCards) return false;
  return (
    choices.length <= maxButtons && choices.every((choice) => choice.label.length <= maxButtonTitle)
  );
}

/**
 * Renders one reply for any channel but SMS, reading every field of its capability row:
 * markdown or plain text; services as Adaptive Cards, hero cards or lines of text; choices
 * as suggested actions, card buttons or a numbered list (by style, count and title length);
 * and the text within the message budget, split at line ends into several messages when
 * it is longer (cards and buttons go with the last). Text is content, never the person's
 * words, and in markdown it is still escaped, so nothing in it can become markup.
 */
export function convertReply(
  reply: Reply,
  capabilities: ChannelCapabilities,
  options: RenderOptions,
): OutgoingMessage[] {
  const { markdown } = capabilities;
  const cardsShowServices = capabilities.adaptiveCards || capabilities.cards;
  const asButtons = choicesAsButtons(reply.choices, capabilities);
  const say = markdown ? escapeMarkdown : asIs;
  // Each line of the text, and the service it describes when it is a service's line.
  // Markdown joins lines that are not a paragraph apart, so there each line is one, and
  // no empty line is needed between blocks.
  const lines: string[] = markdown ? reply.text.split('\n').map(escapeMarkdown) : [reply.text];
  const owners: (string | undefined)[] = lines.map(() => undefined);
  if (!cardsShowServices) {
    for (const service of reply.services) {
      if (!markdown) lines.push('');
      for (const text of serviceLines(service, true)) lines.push(say(text));
      while (owners.length < lines.length) owners.push(service.id);
    }
  }
  for (const link of reply.links) {
    const url = new URL(link.url, options.linkBase).toString();
    lines.push(markdown ? `[${say(link.label)}](${url})` : `${link.label}: ${url}`);
  }
  if (!asButtons && reply.choices.length > 0) {
    if (reply.urgency === 'emergency') {
      // Someone may be watching the screen: keep the emergency reply to its three lines.
      const numbered = reply.choices.map((choice, index) => `${index + 1} ${say(choice.label)}`);
      lines[lines.length - 1] += ` (Reply ${numbered.join(', ')}.)`;
    } else {
      if (!markdown) lines.push('');
      for (const [index, choice] of reply.choices.entries()) {
        lines.push(`${index + 1}. ${say(choice.label)}`);
      }
    }
  }
  while (owners.length < lines.length) owners.push(undefined);

  const separator = markdown ? '\n\n' : '\n';
  const max = capabilities.budget.max;
  // Messages can arrive out of order, so each part of a split emergency reply, and each
  // part of a signpost, carries the reply's 999 sentence; room is kept for it in each part
  // (unless the budget is too small to hold it twice).
  const with999 =
    reply.urgency === 'emergency' || reply.services.length > 0
      ? sentenceWith999(lines.join('\n'))
      : undefined;
  const room = with999 ? with999.length + separator.length : 0;
  let messages = splitToBudget(lines, owners, separator, max);
  if (with999 && messages.length > 1) {
    if (room * 2 <= max) messages = splitToBudget(lines, owners, separator, max - room);
    messages = messages.map((message) =>
      MENTIONS_999.test(message.text) || message.text.length + room > max
        ? message
        : { ...message, text: `${message.text}${separator}${with999}` },
    );
  }
  const shownAnywhere = new Set(messages.length > 1 ? reply.services.map((s) => s.id) : []);
  return messages.map((message, index): OutgoingMessage => {
    const last = index === messages.length - 1;
    const activity: OutgoingMessage = {
      type: 'message',
      text: message.text,
      textFormat: markdown ? 'markdown' : 'plain',
      // One message shows all the reply signposts; parts of a split reply show their own.
      channelData:
        messages.length === 1
          ? signpostOf(reply, options)
          : signpostFor(reply, options, (id) =>
              shownAnywhere.has(id)
                ? (last && cardsShowServices) || message.services.includes(id)
                : index === 0,
            ),
    };
    if (!last) return activity;
    if (asButtons && capabilities.choices === 'suggested-actions') {
      activity.suggestedActions = { actions: choiceActions(reply.choices), to: [] };
    }
    const attachments: NonNullable<OutgoingMessage['attachments']> = [];
    if (capabilities.adaptiveCards) {
      attachments.push(...reply.services.map(adaptiveServiceCard));
      if (asButtons && capabilities.choices === 'card-buttons') {
        attachments.push(adaptiveChoicesCard(reply.choices));
      }
    } else if (capabilities.cards) {
      attachments.push(...reply.services.map(heroServiceCard));
      if (asButtons && capabilities.choices === 'card-buttons') {
        attachments.push(heroChoicesCard(reply.choices));
      }
    }
    if (attachments.length > 0) {
      activity.attachments = attachments;
      activity.attachmentLayout = 'list';
    }
    return activity;
  });
}

/** The signpost of one message of a reply: the service ids it shows (in the reply's order). */
function signpostFor(
  reply: Reply,
  options: RenderOptions,
  shows: (id: string) => boolean,
): { signpost: Signpost } {
  return signpostOf({ ...reply, signposted: reply.signposted.filter(shows) }, options);
}

function asIs(text: string): string {
  return text;
}
