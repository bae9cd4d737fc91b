import { serviceLines } from '../channels/render/describeService.js';
import type { Reply } from '../engine/types.js';

/** A reply as terminal text: the words, services, numbered choices, and optionally its signpost. */
export function describeReplyForTerminal(reply: Reply, showSignpost: boolean): string {
  const lines = [`Waymark: ${reply.text.replace(/\n/g, '\n         ')}`];
  for (const service of reply.services) {
    lines.push('', ...serviceLines(service, true).map((line) => `         ${line}`));
  }
  for (const link of reply.links)
    lines.push(`         ${link.label}: /privacy on the bot's server`);
  reply.choices.forEach((choice, index) => lines.push(`         ${index + 1}. ${choice.label}`));
  if (showSignpost) {
    lines.push(
      `         [step ${reply.step}, urgency ${reply.urgency}, services ${reply.signposted.join(',') || '-'}]`,
    );
  }
  return lines.join('\n');
}
