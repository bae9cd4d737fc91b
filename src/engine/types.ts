import type { Slots } from '../content/schema/eligibilitySchema.js';
import type { Surface } from '../content/schema/wordingSchema.js';
import type { Urgency } from '../understanding/detectUrgency.js';

export type { Surface, Urgency, Slots };

/**
 * What the engine remembers between turns: step ids and option values only, never the
 * person's words. The edge adds an expiry when it stores it.
 */
export interface ConversationState {
  /** Bumped when the shape changes, so old stored state is dropped rather than misread. */
  version: 1;
  /** The question awaiting an answer, a built-in reply awaiting "carry on", or an outcome. */
  step: string;
  /** The question to return to after an emergency or urgent reply. */
  resume: string | null;
  slots: Slots;
  /** The urgent reply is given once per conversation. */
  urgentGiven: boolean;
  /** Raised to "urgent" after any emergency or urgent reply; it colours the signpost. */
  risk: 'urgent' | 'routine';
}

/** One turn's input. The engine never sees channel details. */
export type TurnInput =
  | { kind: 'open' }
  | {
      kind: 'message';
      text: string;
      /**
       * Set when a channel hit a limit: 'size' (the message was cut) or 'rate' (messages are
       * arriving too fast). Danger is still read first; otherwise the reply is kind, shows
       * 999, and the conversation does not move on.
       */
      limit?: 'size' | 'rate';
    };

/** What the engine needs to know about the world, passed in so it stays pure. */
export interface TurnEnvironment {
  now: Date;
  surface: Surface;
}

/** A button or numbered option. Choosing it sends `label` back as the message text. */
export interface Choice {
  value: string;
  label: string;
}

/** A link shown with a reply, such as the privacy notice. `url` may be site-relative. */
export interface Link {
  label: string;
  url: string;
}

/** One way to contact a service, ready to show. */
export interface ContactView {
  kind: 'phone' | 'text' | 'webchat' | 'website' | 'email';
  label: string;
  /** As people read it: "0808 2000 247", "womensaid.org.uk". */
  value: string;
  /** tel:, sms:, mailto: or https: */
  href: string;
  /** Words before the value, e.g. "Text SHOUT to". */
  how?: string;
}

/** Something a service offers, filtered for the person, with its hours worked out. */
export interface OfferView {
  id: string;
  text: string;
  contacts: ContactView[];
  /** "Open 24 hours, every day." or "Mon–Fri 8am–6pm. Open now." */
  hours?: string;
}

/** A signposted service, ready for any channel to render. */
export interface ServiceView {
  id: string;
  name: string;
  summary: string;
  offers: OfferView[];
}

/** A channel-neutral reply. Renderers turn each into one or more activities. */
export interface Reply {
  /** The question, outcome or built-in reply this belongs to. */
  step: string;
  urgency: Urgency;
  /** Plain text; lines separated by "\n". Never contains the person's own words. */
  text: string;
  /** Services to show in full (cards on the web, text by SMS). */
  services: ServiceView[];
  /** Ids of the services this reply signposts: `channelData.signpost.services`. */
  signposted: string[];
  choices: Choice[];
  links: Link[];
}

/** The result of one turn. `state: null` means forget the conversation now. */
export interface TurnResult {
  replies: Reply[];
  state: ConversationState | null;
}
