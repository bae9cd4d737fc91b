import type { Conversation } from '../engine/compileConversation.js';

/** The built-in interruptions a person can trigger at any step, by typing. */
export type InterruptionKind =
  | 'emergency'
  | 'emergency-own-life'
  | 'urgent'
  | 'urgent-strangulation'
  | 'not-safe-to-chat'
  | 'exit';

/** A message that triggers one interruption, as a person might type it. */
export interface Probe {
  kind: InterruptionKind;
  /** What the person types. Taken from content, so it is what the bot really reacts to. */
  text: string;
  /** How the review tools name it to a safeguarding lead. */
  title: string;
}

const titles: Record<InterruptionKind, string> = {
  emergency: 'Words of danger now',
  'emergency-own-life': 'A risk to their own life',
  urgent: 'Words of high risk (not this minute)',
  'urgent-strangulation': 'Past strangulation',
  'not-safe-to-chat': 'Not safe to chat',
  exit: 'Exit',
};

/** Turns a phrase pattern ("{partner} is coming", "strangl*") into words a person might type. */
function sampleOf(pattern: string, groups: Record<string, string[]>): string {
  return pattern
    .replace(/\{([a-z-]+)\}/g, (_, name: string) => groups[name]?.[0] ?? name)
    .replace(/\*/g, '')
    .trim();
}

/**
 * Finds, for each interruption, one message that the conversation's own detector reads that
 * way. Phrases come from content/urgency.yml and content/commands.yml, and each is checked
 * with the real detector, so a change in either can never leave the review showing a reply
 * the bot would not give. An interruption with no such message is left out.
 */
export function findProbes(conversation: Conversation): Probe[] {
  const { urgency, commands } = conversation.content;
  const all = urgency.categories.flatMap((category) =>
    [...(category.phrases ?? []), (category.allOf ?? []).map((list) => list[0]).join(' ')]
      .map((phrase) => sampleOf(phrase, urgency.groups))
      .filter((text) => text.length > 0 && !text.includes('{')),
  );
  // Whole sentences read best in the review; short fragments are the fallback.
  const candidates = [...all.filter((text) => text.split(' ').length >= 4), ...all];
  const wanted: [InterruptionKind, (text: string) => boolean][] = [
    ['emergency', (text) => isLevel(conversation, text, 'emergency', false, false)],
    ['emergency-own-life', (text) => isLevel(conversation, text, 'emergency', true, false)],
    ['urgent', (text) => isLevel(conversation, text, 'urgent', false, false)],
    ['urgent-strangulation', (text) => isLevel(conversation, text, 'urgent', false, true)],
  ];
  const probes: Probe[] = [];
  for (const [kind, fits] of wanted) {
    const text = candidates.find(fits);
    if (text !== undefined) probes.push({ kind, text, title: titles[kind] });
  }
  const notSafe = commands.notSafeToChat.find(
    (word) => conversation.commands.match(word) === 'notSafeToChat',
  );
  if (notSafe && conversation.interrupts.has('notSafeToChat')) {
    probes.push({ kind: 'not-safe-to-chat', text: notSafe, title: titles['not-safe-to-chat'] });
  }
  const exit = commands.exit.find((word) => conversation.commands.match(word) === 'exit');
  if (exit) probes.push({ kind: 'exit', text: exit, title: titles.exit });
  return probes;
}

function isLevel(
  conversation: Conversation,
  text: string,
  level: 'emergency' | 'urgent',
  ownLife: boolean,
  strangulation: boolean,
): boolean {
  // A probe must be only danger: no command, and nothing the questions would read as an answer.
  if (conversation.commands.match(text) !== undefined) return false;
  const found = conversation.urgency.detect(text);
  return (
    found.level === level && found.ownLife === ownLife && found.strangulation === strangulation
  );
}

/** The title of an interruption, for headings. */
export function probeTitle(kind: InterruptionKind): string {
  return titles[kind];
}
