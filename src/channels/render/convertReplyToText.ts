import type { Reply } from '../../engine/types.js';
import { serviceLines } from './describeService.js';
import { signpostOf, type OutgoingMessage, type RenderOptions } from './outgoingActivity.js';

/**
 * Renders a reply as plain text with numbered choices, for SMS and any channel that cannot
 * show buttons. Numbers match the engine's reading of "1", "2"…, so a reply of "2" works.
 */
export function convertReplyToText(reply: Reply, options: RenderOptions): OutgoingMessage {
  const lines = [reply.text];
  for (const service of reply.services) lines.push('', ...serviceLines(service, true));
  for (const link of reply.links) {
    lines.push(`${link.label}: ${new URL(link.url, options.linkBase).toString()}`);
  }
  if (reply.urgency === 'emergency' && reply.choices.length > 0) {
    // Someone may be watching the screen: keep the emergency reply to its three lines.
    const numbered = reply.choices.map((choice, index) => `${index + 1} ${choice.label}`);
    lines[lines.length - 1] += ` (Reply ${numbered.join(', ')}.)`;
  } else if (reply.choices.length > 0) {
    lines.push('', ...reply.choices.map((choice, index) => `${index + 1}. ${choice.label}`));
  }
  return {
    type: 'message',
    text: lines.join('\n'),
    textFormat: 'plain',
    channelData: signpostOf(reply, options),
  };
}
