/**
 * The parts of the Adaptive Card schema (1.5, which Teams renders) that Waymark uses, written
 * out here so the renderers stay pure and need no SDK.
 */
export interface AdaptiveTextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  size?: 'Medium';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Medium';
}

/** Opens a link: a website, or tel:/sms:/mailto: for calls, texts and email. */
export interface AdaptiveOpenUrl {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/** Sends `data` back as the activity's `value`: a choice, read by its stable value. */
export interface AdaptiveSubmit {
  type: 'Action.Submit';
  title: string;
  data: { choice: string };
}

/** An Adaptive Card. `fallbackText` is its plain-text form, for clients that cannot draw it. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  fallbackText: string;
  body: AdaptiveTextBlock[];
  actions: (AdaptiveOpenUrl | AdaptiveSubmit)[];
}

/** An Adaptive Card as a Bot Framework attachment. */
export interface AdaptiveCardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCard;
}

/** The Adaptive Card schema version used: the one Teams renders everywhere. */
export const ADAPTIVE_CARD_VERSION = '1.5';

/** A card with its body, actions and plain-text fallback. */
export function adaptiveCard(
  body: AdaptiveTextBlock[],
  actions: AdaptiveCard['actions'],
  fallbackText: string,
): AdaptiveCardAttachment {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: ADAPTIVE_CARD_VERSION,
      fallbackText,
      body,
      actions,
    },
  };
}

/**
 * Card text. TextBlocks read a little markdown (lists, emphasis, links), and Teams shows
 * backslash escapes as they are ("LGBT\+"), so text is never escaped: instead, content that
 * would read as markdown is made inert by breaking the pattern with a zero-width joiner.
 * Content is staff-written, never the person's words, so this only guards against accidents.
 */
export function cardText(text: string): string {
  return text
    .replace(/^(\s*)([-*+]|\d+\.)(\s)/gm, '$1$2\u2060$3')
    .replace(/([*_~`[\]])/g, '$1\u2060');
}
