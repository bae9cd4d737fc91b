import type { Choice, ContactView, ServiceView } from '../../engine/types.js';
import {
  adaptiveCard,
  cardText,
  type AdaptiveCardAttachment,
  type AdaptiveOpenUrl,
  type AdaptiveTextBlock,
} from './adaptiveCard.js';
import { contactButtonTitle, serviceLines } from './describeService.js';

function contactAction(contact: ContactView): AdaptiveOpenUrl {
  return { type: 'Action.OpenUrl', title: contactButtonTitle(contact), url: contact.href };
}

/** A service as an Adaptive Card (Teams): name, summary, each offer and its hours, and one button a contact. */
export function adaptiveServiceCard(service: ServiceView): AdaptiveCardAttachment {
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
export function adaptiveChoicesCard(choices: readonly Choice[]): AdaptiveCardAttachment {
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
