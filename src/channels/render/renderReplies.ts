import type { Reply } from '../../engine/types.js';
import { capabilitiesOf } from './channelCapabilities.js';
import { convertReplyToAdaptiveCards } from './convertReplyToAdaptiveCards.js';
import { convertReplyToCards } from './convertReplyToCards.js';
import { convertReplyToText } from './convertReplyToText.js';
import { convertReplyToSms } from '../sms/convertReplyToSms.js';
import {
  signpostOf,
  type OutgoingActivity,
  type OutgoingMessage,
  type RenderOptions,
} from './outgoingActivity.js';

/**
 * Renders replies for a channel, one activity per reply, each with its own signpost. When
 * the person closed the conversation (`ended`), an endOfConversation activity follows.
 */
export function renderReplies(
  replies: readonly Reply[],
  channelId: string,
  options: RenderOptions,
  ended = false,
): OutgoingActivity[] {
  const capabilities = capabilitiesOf(channelId);
  const { maxSegments } = capabilities;
  const activities: OutgoingActivity[] = replies
    .map(markedPreview)
    .flatMap((reply): OutgoingMessage[] => {
      if (maxSegments) return convertReplyToSms(reply, { maxSegments }, options);
      if (capabilities.adaptiveCards) return [convertReplyToAdaptiveCards(reply, options)];
      return [
        capabilities.choices === 'numbered-list' && !capabilities.serviceCards
          ? convertReplyToText(reply, options)
          : convertReplyToCards(reply, capabilities, options),
      ];
    });
  const last = replies[replies.length - 1];
  if (ended && last) {
    activities.push({
      type: 'endOfConversation',
      code: 'completedSuccessfully',
      channelData: signpostOf(last, options),
    });
  }
  return activities;
}

/**
 * A reply staff see while previewing the public chat carries its preview label as a last
 * line, so the words (999 first) stay exactly as someone seeking help reads them.
 */
function markedPreview(reply: Reply): Reply {
  return reply.preview ? { ...reply, text: `${reply.text}\n(${reply.preview})` } : reply;
}
