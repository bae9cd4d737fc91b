import type { Activity } from 'botbuilder-core';
import type { ChannelInput } from '../../turns/TurnRunner.js';

/** Longest choice value accepted from a card; real values are short ids. */
const MAX_CHOICE_CHARS = 100;

/**
 * Reads what the person did from a Bot Framework message activity: the text, a choice's
 * value when a card or button sent one back (`value.choice`), and a limit the channel hit
 * (`channelData.waymark.limit`, set only by our own channels).
 */
export function channelInputOf(activity: Partial<Activity>): ChannelInput {
  const text = typeof activity.text === 'string' ? activity.text : '';
  const value = activity.value as { choice?: unknown } | undefined;
  const choice =
    typeof value?.choice === 'string' && value.choice.length <= MAX_CHOICE_CHARS
      ? value.choice
      : undefined;
  const channelData = activity.channelData as { waymark?: { limit?: unknown } } | undefined;
  const limit = channelData?.waymark?.limit;
  return {
    kind: 'message',
    text,
    ...(choice !== undefined ? { choice } : {}),
    ...(limit === 'size' || limit === 'rate' ? { limit } : {}),
  };
}
