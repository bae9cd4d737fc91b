import type { Reply, Urgency } from '../../engine/types.js';
import type { AdaptiveCardAttachment } from './adaptiveCard.js';

/**
 * What every reply activity carries, so outside checks and safeguarding leads can tie a
 * message to its step, its urgency and the content version that produced it.
 */
export interface Signpost {
  urgency: Urgency;
  step: string;
  services: string[];
  contentVersion: string;
}

/** A card button. */
export interface CardAction {
  type: 'imBack' | 'openUrl' | 'call';
  title: string;
  value: string;
}

/** A Bot Framework hero card attachment. */
export interface HeroCardAttachment {
  contentType: 'application/vnd.microsoft.card.hero';
  content: { title?: string; subtitle?: string; text?: string; buttons?: CardAction[] };
}

/**
 * A reply message in Bot Framework shape, written without importing botbuilder, so the
 * renderers stay pure and survive a move to another SDK.
 */
export interface OutgoingMessage {
  type: 'message';
  text: string;
  textFormat: 'plain' | 'markdown';
  attachments?: (HeroCardAttachment | AdaptiveCardAttachment)[];
  attachmentLayout?: 'list' | 'carousel';
  suggestedActions?: { actions: CardAction[]; to: string[] };
  channelData: { signpost: Signpost };
}

/**
 * Sent after the last reply of a conversation the person closed ("exit"), so channels and
 * the widget learn of the end from the activity type, never from reply text. It carries
 * the signpost of the reply it follows.
 */
export interface OutgoingEndOfConversation {
  type: 'endOfConversation';
  code: 'completedSuccessfully';
  channelData: { signpost: Signpost };
}

/** Any activity a turn sends. */
export type OutgoingActivity = OutgoingMessage | OutgoingEndOfConversation;

/** True for reply messages (not the end-of-conversation signal). */
export function isMessage(activity: OutgoingActivity): activity is OutgoingMessage {
  return activity.type === 'message';
}

/** Options every renderer takes. */
export interface RenderOptions {
  contentVersion: string;
  /** Absolute base for site-relative links such as /privacy. */
  linkBase: string;
}

/** The signpost of one reply's activity: its own urgency, step and services. */
export function signpostOf(reply: Reply, options: RenderOptions): { signpost: Signpost } {
  return {
    signpost: {
      urgency: reply.urgency,
      step: reply.step,
      services: [...reply.signposted],
      contentVersion: options.contentVersion,
    },
  };
}
