import type { Choice, ContactView, ServiceView } from '../../engine/types.js';
import { contactButtonTitle, serviceLines } from './describeService.js';
import type { CardAction, HeroCardAttachment } from './outgoingActivity.js';

/** Escapes characters that markdown would read as formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!|<>~])/g, '\\$1');
}

function contactAction(contact: ContactView): CardAction {
  return { type: 'openUrl', title: contactButtonTitle(contact), value: contact.href };
}

/** A service as a hero card: its name, what it offers, and a button for each contact once. */
export function heroServiceCard(service: ServiceView): HeroCardAttachment {
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
 * Choices as buttons that send their label back as the person's words (imBack), for
 * suggested actions or a hero card. The engine reads a label as the choice it names.
 */
export function choiceActions(choices: readonly Choice[]): CardAction[] {
  return choices.map((choice) => ({ type: 'imBack', title: choice.label, value: choice.label }));
}

/** Choices as the buttons of a hero card. */
export function heroChoicesCard(choices: readonly Choice[]): HeroCardAttachment {
  return {
    contentType: 'application/vnd.microsoft.card.hero',
    content: { buttons: choiceActions(choices) },
  };
}
