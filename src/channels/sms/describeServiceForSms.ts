import type { ContactView, ServiceView } from '../../engine/types.js';

/** How much of a service to write out; each level is shorter than the one before. */
export type ServiceDetail = 'full' | 'no-summary' | 'calls-only' | 'numbers-only';

/** From longest to shortest: the SMS renderer takes the first that fits. */
export const SERVICE_DETAILS: readonly ServiceDetail[] = [
  'full',
  'no-summary',
  'calls-only',
  'numbers-only',
];

/** A contact as short text, with the number written out: "Call 0808 2000 247". */
export function smsContact(contact: ContactView): string {
  if (contact.how) return `${contact.how} ${contact.value}`;
  switch (contact.kind) {
    case 'phone':
      return `Call ${contact.value}`;
    case 'text':
      return `Text ${contact.value}`;
    case 'webchat':
      return `Chat at ${contact.value}`;
    default:
      return contact.value;
  }
}

const isCall = (contact: ContactView) => contact.kind === 'phone' || contact.kind === 'text';

/** Ends a line with a full stop unless it already ends with punctuation. */
function sentence(text: string): string {
  return /[.!?:]$/.test(text) ? text : `${text}.`;
}

/**
 * A service as a few short lines of plain text, where a card would show buttons: the name,
 * then one line per offer with its contacts written out and its hours. Shorter levels drop
 * the summary, then offers that cannot be called or texted (and websites), then the hours.
 */
export function describeServiceForSms(service: ServiceView, detail: ServiceDetail): string {
  const lines = detail === 'full' ? [service.name, service.summary] : [service.name];
  const seen = new Set<string>();
  const first = service.offers
    .flatMap((offer) => offer.contacts)
    .reduce<ContactView | undefined>(
      (shortest, contact) =>
        shortest && shortest.value.length <= contact.value.length ? shortest : contact,
      undefined,
    );
  const callable = service.offers.some((offer) => offer.contacts.some(isCall));
  // A service with nothing to call or text keeps its shortest way in (a website), never a
  // bare name.
  if ((detail === 'calls-only' || detail === 'numbers-only') && !callable && first) {
    return [service.name, sentence(smsContact(first))].join('\n');
  }
  for (const offer of service.offers) {
    const callsOnly = detail === 'calls-only' || detail === 'numbers-only';
    const contacts = offer.contacts
      .filter((contact) => !callsOnly || isCall(contact))
      .filter((contact) => !seen.has(contact.href));
    if (callsOnly && contacts.length === 0) continue;
    for (const contact of contacts) seen.add(contact.href);
    const written = contacts.map(smsContact).join(', ');
    if (detail === 'numbers-only') {
      lines.push(sentence(written));
      continue;
    }
    const hours = offer.hours ? ` ${offer.hours}` : '';
    const what = written ? `${offer.text.replace(/\.$/, '')}: ${written}` : offer.text;
    lines.push(`- ${sentence(what)}${hours}`);
  }
  return lines.join('\n');
}
