import { isEligible, type Slots } from '../content/schema/eligibilitySchema.js';
import type { Contact, Service } from '../content/schema/serviceSchema.js';
import type { Wording } from '../content/schema/wordingSchema.js';
import { describeHours } from './openingHours.js';
import type { ContactView, ServiceView } from './types.js';

function hrefFor(contact: Contact): string {
  const digits = contact.value.replace(/[^0-9+]/g, '');
  switch (contact.kind) {
    case 'phone':
      return `tel:${digits}`;
    case 'text':
      return `sms:${digits}`;
    case 'email':
      return `mailto:${contact.value}`;
    default:
      return /^https?:\/\//.test(contact.value) ? contact.value : `https://${contact.value}`;
  }
}

function contactView(contact: Contact): ContactView {
  const view: ContactView = {
    kind: contact.kind,
    label: contact.label,
    value: contact.value,
    href: hrefFor(contact),
  };
  if (contact.how) view.how = contact.how;
  return view;
}

/**
 * A service as the person should see it: only the offers they are known to be eligible
 * for (Women's Aid live chat only for women, say), with hours and "open now" worked out.
 * Returns undefined when nothing in the service is for them.
 */
export function serviceView(
  service: Service,
  slots: Slots,
  now: Date,
  bankHolidays: ReadonlySet<string>,
  wording: Wording,
): ServiceView | undefined {
  const offers = service.offers
    .filter((offer) => isEligible(offer.for, slots))
    .map((offer) => ({
      id: offer.id,
      text: offer.text,
      contacts: offer.contacts.map(contactView),
      ...(offer.hours
        ? { hours: describeHours(offer.hours, now, bankHolidays, wording.hours) }
        : {}),
    }));
  if (offers.length === 0) return undefined;
  return { id: service.id, name: service.name.value, summary: service.summary, offers };
}
