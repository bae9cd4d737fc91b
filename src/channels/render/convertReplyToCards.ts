import type { ContactView, Reply, ServiceView } from '../../engine/types.js';
import type { ChannelCapabilities } from './channelCapabilities.js';
import { serviceLines } from './describeService.js';
import type {
  CardAction,
  HeroCardAttachment,
  OutgoingMessage,
  RenderOptions,
} from './outgoingActivity.js';
import { signpostOf } from './outgoingActivity.js';

/** Escapes characters that markdown would read as formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1');
}

function contactAction(contact: ContactView): CardAction {
  return { type: 'openUrl', title: `${contact.label} ${contact.value}`, value: contact.href };
}

function serviceCard(service: ServiceView): HeroCardAttachment {
  const seen = new Set<string>();
  const buttons: CardAction[] = [];
  for (const offer of service.offers) {
    for (const contact of offer.contacts) {
      if (seen.has(contact.href)) continue;
      seen.add(contact.href);
      buttons.push(contactAction(contact));
    }
  }
  return {
    contentType: 'application/vnd.microsoft.card.hero',
    content: {
      title: service.name,
      text: serviceLines(service, false, false).join('\n\n'),
      buttons,
    },
  };
}

/**
 * Renders a reply for channels that show cards: Web Chat (suggested actions for choices)
 * and Teams (choices as card buttons). Text is content, never the person's words, and is
 * still escaped so that nothing in it can turn into markup by accident.
 */
export function convertReplyToCards(
  reply: Reply,
  capabilities: ChannelCapabilities,
  options: RenderOptions,
): Omit<OutgoingMessage, 'attachments'> & { attachments?: HeroCardAttachment[] } {
  const lines = reply.text.split('\n').map(escapeMarkdown);
  for (const link of reply.links) {
    const url = new URL(link.url, options.linkBase).toString();
    lines.push(`[${escapeMarkdown(link.label)}](${url})`);
  }
  const activity: Omit<OutgoingMessage, 'attachments'> & { attachments?: HeroCardAttachment[] } = {
    type: 'message',
    text: lines.join('\n\n'),
    textFormat: 'markdown',
    channelData: signpostOf(reply, options),
  };
  const attachments = reply.services.map(serviceCard);
  const choiceActions: CardAction[] = reply.choices.map((choice) => ({
    type: 'imBack',
    title: choice.label,
    value: choice.label,
  }));
  if (choiceActions.length > 0 && capabilities.choices === 'card-buttons') {
    attachments.push({
      contentType: 'application/vnd.microsoft.card.hero',
      content: { buttons: choiceActions },
    });
  } else if (choiceActions.length > 0) {
    activity.suggestedActions = { actions: choiceActions, to: [] };
  }
  if (attachments.length > 0) {
    activity.attachments = attachments;
    activity.attachmentLayout = 'list';
  }
  return activity;
}
