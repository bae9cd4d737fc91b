import type { Reply } from '../../engine/types.js';
import { capabilitiesOf, type ChannelCapabilities } from './channelCapabilities.js';
import { convertReply } from './convertReply.js';
import { convertReplyToSms } from '../sms/convertReplyToSms.js';
import {
  signpostOf,
  type OutgoingActivity,
  type OutgoingMessage,
  type RenderOptions,
} from './outgoingActivity.js';

/**
 * Renders replies for a channel, by its row of the capability table: one activity per
 * reply (or several, when a reply is over the channel's message budget), each with its own
 * signpost. A budget in segments means SMS, which has its own renderer (GSM-7, the 999
 * sentence in every part). When the person closed the conversation (`ended`), an
 * endOfConversation activity follows.
 */
export function renderReplies(
  replies: readonly Reply[],
  channelId: string,
  options: RenderOptions,
  ended = false,
): OutgoingActivity[] {
  return renderRepliesFor(replies, capabilitiesOf(channelId), options, ended);
}

/** {@link renderReplies} for a row of the capability table rather than a channel id. */
export function renderRepliesFor(
  replies: readonly Reply[],
  capabilities: ChannelCapabilities,
  options: RenderOptions,
  ended = false,
): OutgoingActivity[] {
  const { budget } = capabilities;
  const activities: OutgoingActivity[] = replies
    .map(markedPreview)
    .flatMap((reply): OutgoingMessage[] =>
      budget.unit === 'segments'
        ? convertReplyToSms(reply, { maxSegments: budget.max }, options)
        : convertReply(reply, capabilities, options),
    );
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
