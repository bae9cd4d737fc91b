import type { LayerName } from '../understanding/urgencyTypes.js';
import type { Slots } from '../content/schema/eligibilitySchema.js';
import type { Surface } from '../content/schema/wordingSchema.js';
import type { Urgency } from '../understanding/detectUrgency.js';
import type { FallbackRecognizers } from '../understanding/fallbackRecognizers.js';

export type { Surface, Urgency, Slots };
export type { ConversationState } from './conversationState.js';
import type { ConversationState } from './conversationState.js';

/** One turn's input. The engine never sees channel details. */
export type TurnInput =
  | { kind: 'open' }
  | {
      kind: 'message';
      /** What the person typed (or the label of the button they pressed). */
      text: string;
      /**
       * The stable value of a choice, when the channel sent one back (a card submit or an
       * invoke). It is read before the text, which may then be empty.
       */
      choice?: string;
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
  /** Microsoft's recognizers, once loaded; without them only our own matchers answer. */
  recognizers?: FallbackRecognizers;
  /**
   * Every dialog by id, so an outcome can hand over to another dialog (`then:` in a routing
   * rule). Without it the conversation stays in its dialog.
   */
  dialogs?: ReadonlyMap<string, import('./compileConversation.js').Conversation>;
}

/**
 * A button or numbered option. `value` is stable (channels may send it back from a card);
 * `label` is what the person sees, and typing it (or its number) works too.
 */
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
  /** Set while staff preview the public chat: the label that marks each reply as a preview. */
  preview?: string;
  /**
   * Keep to one message where the channel allows: by SMS, every service is shortened
   * alike (no summary, then calls only, then numbers only) before the reply is split.
   * The urgent reply is brief: someone at high risk should not get a string of texts.
   */
  brief?: boolean;
}

/**
 * The result of one turn. `state: null` means forget the conversation now. `ended` means
 * the person closed the conversation ("exit"): channels that can end a conversation do.
 */
export interface TurnResult {
  replies: Reply[];
  state: ConversationState | null;
  ended?: boolean;
  /** The outcome hands over to another dialog, which then opens (see `then:` in routing). */
  handOver?: { dialog: string; preview: boolean };
  /**
   * How the message was read for danger: the level, the layer that decided and the id of its
   * phrase category, frame or example. Ids only, for the log: never the message's words.
   */
  reading?: { level: Urgency; layer: LayerName | 'none'; because: string };
}
