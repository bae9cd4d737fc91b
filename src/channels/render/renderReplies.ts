import type { Reply } from '../../engine/types.js';
import { capabilitiesOf } from './channelCapabilities.js';
import { convertReplyToCards } from './convertReplyToCards.js';
import { convertReplyToText } from './convertReplyToText.js';
import type { OutgoingActivity, RenderOptions } from './outgoingActivity.js';

/** Renders replies for a channel, one activity per reply, each with its own signpost. */
export function renderReplies(
  replies: readonly Reply[],
  channelId: string,
  options: RenderOptions,
): OutgoingActivity[] {
  const capabilities = capabilitiesOf(channelId);
  return replies.map((reply) =>
    capabilities.choices === 'numbered-list' && !capabilities.serviceCards
      ? convertReplyToText(reply, options)
      : convertReplyToCards(reply, capabilities, options),
  );
}
