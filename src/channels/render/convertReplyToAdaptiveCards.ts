import type { Choice, ContactView, Reply, ServiceView } from '../../engine/types.js';
import {
  adaptiveCard,
  cardText,
  type AdaptiveCardAttachment,
  type AdaptiveOpenUrl,
  type AdaptiveTextBlock,
} from './adaptiveCard.js';
import { serviceLines } from './describeService.js';
import { signpostOf, type OutgoingMessage, type RenderOptions } from './outgoingActivity.js';

function contactAction(contact: ContactView): AdaptiveOpenUrl {
  return { type: 'Action.OpenUrl', title: `${contact.label} ${contact.value}`, url: contact.href };
}

/** A service as a card: name, summary, each offer and its hours, and one button a contact. */
function serviceCard(service: ServiceView): AdaptiveCardAttachment {
  const body: AdaptiveTextBlock[] = [
    {
      type: 'TextBlock',
      text: cardText(service.name),
      wrap: true,
      weight: 'Bolder',
      size: 'Medium',
    },
    { type: 'TextBlock', text: cardText(service.summary), wrap: true, spacing: 'Small' },
  ];
  const seen = new Set<string>();
  const actions: AdaptiveOpenUrl[] = [];
  for (const offer of service.offers) {
    body.push({
      type: 'TextBlock',
      text: `• ${cardText(offer.text)}`,
      wrap: true,
      spacing: 'Small',
    });
    if (offer.hours) {
      body.push({
        type: 'TextBlock',
        text: cardText(offer.hours),
        wrap: true,
        isSubtle: true,
        spacing: 'None',
      });
    }
    for (const contact of offer.contacts) {
      if (seen.has(contact.href)) continue;
      seen.add(contact.href);
      actions.push(contactAction(contact));
    }
  }
  // Numbers stay readable in the fallback, so they can be dialled from any client.
  return adaptiveCard(body, actions, serviceLines(service, true).join('\n'));
}

/** Choices as Action.Submit buttons; the value comes back as `value.choice`. */
function choicesCard(choices: readonly Choice[]): AdaptiveCardAttachment {
  return adaptiveCard(
    [],
    choices.map((choice) => ({
      type: 'Action.Submit',
      title: choice.label,
      data: { choice: choice.value },
    })),
    choices.map((choice, index) => `${index + 1}. ${choice.label}`).join('\n'),
  );
}

/**
 * Renders a reply for Teams: the reply's words as plain text (Teams shows markdown escapes
 * such as "LGBT\+" as they are, so nothing is escaped), then one Adaptive Card per service
 * with call and website buttons, then the choices as Action.Submit buttons. Every card has
 * a plain-text fallback. Text is content, never the person's words.
 */
export function convertReplyToAdaptiveCards(reply: Reply, options: RenderOptions): OutgoingMessage {
  const lines = [reply.text];
  for (const link of reply.links) {
    lines.push(`${link.label}: ${new URL(link.url, options.linkBase).toString()}`);
  }
  const attachments = reply.services.map(serviceCard);
  if (reply.choices.length > 0) attachments.push(choicesCard(reply.choices));
  const activity: OutgoingMessage = {
    type: 'message',
    text: lines.join('\n'),
    textFormat: 'plain',
    channelData: signpostOf(reply, options),
  };
  if (attachments.length > 0) {
    activity.attachments = attachments;
    activity.attachmentLayout = 'list';
  }
  return activity;
}
