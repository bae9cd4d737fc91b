import type { Surface } from '../../engine/types.js';

/** How a channel shows choices that fit its buttons: suggestions, card buttons, or numbers. */
export type ChoiceStyle = 'suggested-actions' | 'card-buttons' | 'numbered-list';

/**
 * How long one message may be: characters of text, or (SMS) segments of 160 GSM-7 or 70
 * UCS-2 characters. A reply over its budget is sent as several messages, split at line ends.
 */
export type MessageBudget = { unit: 'characters'; max: number } | { unit: 'segments'; max: number };

/**
 * What a channel can show, which decides how a reply is rendered there. Every renderer
 * reads every field (botbuilder's `choices/channel.ts` is the model):
 * `test/render/capabilityFields.test.ts` changes each one and sees the render change.
 */
export interface ChannelCapabilities {
  /** Which wording the engine uses (the web, Teams, SMS or the default). */
  surface: Surface;
  /** How choices are shown when they fit `maxButtons` and `maxButtonTitle`. */
  choices: ChoiceStyle;
  /** The most choice buttons one message shows; with more, the choices are numbered. */
  maxButtons: number;
  /** The longest button title, in characters; any longer label numbers the choices. */
  maxButtonTitle: number;
  /** Hero cards: services as cards with call and website buttons, else as text. */
  cards: boolean;
  /** Adaptive Cards (Teams): services and choices as Adaptive Cards, before hero cards. */
  adaptiveCards: boolean;
  /** Markdown text (escaped, links as `[label](url)`), else plain text ("label: url"). */
  markdown: boolean;
  /** How long one message may be. */
  budget: MessageBudget;
}

/**
 * Web Chat through our Direct Line or Azure's: suggested actions for choices (botbuilder
 * allows up to 100 on webchat and directline), hero cards for services, markdown text.
 * Azure's connector refuses an activity over 256 KB, so the text is kept far below that.
 */
const web: ChannelCapabilities = {
  surface: 'web',
  choices: 'suggested-actions',
  maxButtons: 100,
  // Our own limit, not a platform's: botbuilder's choice factory numbers choices over 20
  // characters, but ours are longer (the "need" question's reach 42) and Web Chat wraps
  // them; 50 keeps every label of today's content a button. Re-check on a phone if raised.
  maxButtonTitle: 50,
  cards: true,
  adaptiveCards: false,
  markdown: true,
  budget: { unit: 'characters', max: 20_000 },
};

/** SMS, through Twilio (our /api/sms, channel id "sms") or Azure Bot Service's own channel. */
const sms: ChannelCapabilities = {
  surface: 'sms',
  choices: 'numbered-list',
  maxButtons: 0,
  maxButtonTitle: 0,
  cards: false,
  adaptiveCards: false,
  markdown: false,
  // Three segments: about 450 GSM-7 characters, which most phones show as one message.
  budget: { unit: 'segments', max: 3 },
};

/**
 * Teams: Adaptive Cards for services and for choices (Action.Submit, read back as the
 * choice's value), plain text because Teams shows markdown escapes as they are ("LGBT\+").
 * botbuilder allows 50 card actions on msteams. A bot message may be 100 KB in UTF-16 (80
 * KB recommended), cards included, so the text keeps to 20,000 characters.
 */
const teams: ChannelCapabilities = {
  surface: 'teams',
  choices: 'card-buttons',
  maxButtons: 50,
  maxButtonTitle: 50,
  cards: true,
  adaptiveCards: true,
  markdown: false,
  budget: { unit: 'characters', max: 20_000 },
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
  msteams: teams,
  sms: sms,
  twilio: sms,
};

const fallback: ChannelCapabilities = {
  surface: 'default',
  choices: 'numbered-list',
  maxButtons: 0,
  maxButtonTitle: 0,
  cards: false,
  adaptiveCards: false,
  markdown: false,
  // Kept short for channels we know nothing about.
  budget: { unit: 'characters', max: 4_000 },
};

/** The capabilities of a channel id. */
export function capabilitiesOf(channelId: string): ChannelCapabilities {
  return capabilities[channelId] ?? fallback;
}

/**
 * Each different row of the capability table, named by its first channel id, and the row
 * for any other channel: what a check of every reply on every channel renders through.
 */
export function capabilityRows(): { channel: string; capabilities: ChannelCapabilities }[] {
  const rows = new Map<string, { channel: string; capabilities: ChannelCapabilities }>();
  for (const [channel, row] of [...Object.entries(capabilities), ['(any other)', fallback]] as [
    string,
    ChannelCapabilities,
  ][]) {
    const key = JSON.stringify(row);
    if (!rows.has(key)) rows.set(key, { channel, capabilities: row });
  }
  return [...rows.values()];
}
