import type { Surface } from '../../engine/types.js';

/** How a channel shows choices: tappable suggestions, card buttons, or a numbered list. */
export type ChoiceStyle = 'suggested-actions' | 'card-buttons' | 'numbered-list';

/** What a channel can show, which decides how a reply is rendered there. */
export interface ChannelCapabilities {
  surface: Surface;
  choices: ChoiceStyle;
  /** Service cards with call and website buttons, or services written out as text. */
  serviceCards: boolean;
  markdown: boolean;
  /** Text messages (SMS): each message fits in this many segments, as plain GSM-7 text. */
  maxSegments?: number;
  /** Adaptive Cards (Teams): services and choices as cards, the words as plain text. */
  adaptiveCards?: boolean;
}

const web: ChannelCapabilities = {
  surface: 'web',
  choices: 'suggested-actions',
  serviceCards: true,
  markdown: true,
};

/** SMS, through Twilio (our /api/sms, channel id "sms") or Azure Bot Service's own channel. */
const sms: ChannelCapabilities = {
  surface: 'sms',
  choices: 'numbered-list',
  serviceCards: false,
  markdown: false,
  maxSegments: 3,
};

/**
 * The capability table, by Bot Framework channel id. Unknown channels get plain text and
 * numbered choices, which every channel can show.
 */
const capabilities: Record<string, ChannelCapabilities> = {
  webchat: web,
  directline: web,
  emulator: { ...web, surface: 'default' },
  test: { ...web, surface: 'default' },
  // Teams shows markdown escapes as they are ("LGBT\+"), so its words go as plain text.
  msteams: {
    surface: 'teams',
    choices: 'card-buttons',
    serviceCards: true,
    markdown: false,
    adaptiveCards: true,
  },
  sms: sms,
  twilio: sms,
};

const fallback: ChannelCapabilities = {
  surface: 'default',
  choices: 'numbered-list',
  serviceCards: false,
  markdown: false,
};

/** The capabilities of a channel id. */
export function capabilitiesOf(channelId: string): ChannelCapabilities {
  return capabilities[channelId] ?? fallback;
}
