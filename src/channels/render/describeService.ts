import type { ContactView, ServiceView } from '../../engine/types.js';

/** A contact as one line of text: "Call 0808 2000 247" or "Text SHOUT to 85258". */
export function contactLine(contact: ContactView): string {
  return contact.how ? `${contact.how} ${contact.value}` : `${contact.label}: ${contact.value}`;
}

/**
 * A contact's button title: its label with the number or address after it, unless the label
 * already holds it ("Text SHOUT to 85258"), so nobody reads the same number twice.
 */
export function contactButtonTitle(contact: ContactView): string {
  return contact.label.includes(contact.value)
    ? contact.label
    : `${contact.label} ${contact.value}`;
}

/**
 * A service written out as plain lines, for text-only channels and card bodies. Cards show
 * contacts as buttons, so they leave them out of the text.
 */
export function serviceLines(
  service: ServiceView,
  withName: boolean,
  withContacts = true,
): string[] {
  const lines: string[] = withName ? [service.name, service.summary] : [service.summary];
  for (const offer of service.offers) {
    lines.push(`- ${offer.text}`);
    if (withContacts) for (const contact of offer.contacts) lines.push(`  ${contactLine(contact)}`);
    if (offer.hours) lines.push(`  ${offer.hours}`);
  }
  return lines;
}
