import { renderReplies } from '../channels/render/renderReplies.js';
import type { OutgoingActivity, RenderOptions } from '../channels/render/outgoingActivity.js';
import { builtins } from '../engine/builtinReplies.js';
import type { Conversation } from '../engine/compileConversation.js';
import { errorName } from '../observability/errorName.js';
import type { Log } from '../observability/log.js';
import { capabilitiesOf } from '../channels/render/channelCapabilities.js';

/**
 * The fail-safe reply for a channel: the emergency reply when the message holds words of
 * danger, otherwise 999 and the helplines. It never throws. If rendering itself fails, it
 * falls back to the fail-safe wording as plain text, and past that to one line with 999.
 */
export function failSafeActivities(
  conversation: Conversation,
  channel: string,
  text: string,
  options: RenderOptions,
  context: { now: Date; log: Log },
): OutgoingActivity[] {
  try {
    const env = { now: context.now, surface: capabilitiesOf(channel).surface };
    const urgency = conversation.urgency.detect(text);
    const say = builtins(conversation, env);
    const reply = urgency.level === 'emergency' ? say.emergency(urgency.ownLife) : say.failSafe();
    return renderReplies([reply], channel, options);
  } catch (error) {
    context.log('fail-safe-degraded', { error: errorName(error) });
  }
  const wording: unknown = conversation.content.wording.failSafe;
  const text999 =
    typeof wording === 'string' && wording.includes('999') ? wording : LAST_RESORT_TEXT;
  return [
    {
      type: 'message',
      text: text999,
      textFormat: 'plain',
      channelData: {
        signpost: {
          urgency: 'routine',
          step: 'fail-safe',
          services: [],
          contentVersion: options.contentVersion,
        },
      },
    },
  ];
}

/** 999 is the one number that needs no content file (it is in the brief). */
const LAST_RESORT_TEXT = 'If you are in danger, call 999.';
