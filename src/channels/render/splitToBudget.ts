/** One line of a reply's text, and the service it describes when it is a service's line. */
export interface Line {
  text: string;
  service?: string;
}

/** One message of a reply: its text, and the ids of the services its lines describe. */
export interface BudgetedMessage {
  text: string;
  services: string[];
}

/**
 * Joins lines into as few messages as keep to `max` characters each, breaking only at line
 * ends; a single line longer than `max` is cut at `max` (it never is, in today's content).
 * Text within the budget is one message, exactly the lines joined.
 */
export function splitToBudget(
  lines: readonly Line[],
  separator: string,
  max: number,
): BudgetedMessage[] {
  const messages: BudgetedMessage[] = [];
  let text: string | undefined;
  let services = new Set<string>();
  const flush = () => {
    if (text !== undefined) messages.push({ text, services: [...services] });
    text = undefined;
    services = new Set();
  };
  for (const line of lines) {
    for (const piece of cut(line.text, max)) {
      const joined = text === undefined ? piece : `${text}${separator}${piece}`;
      if (text !== undefined && joined.length > max) {
        flush();
        text = piece;
      } else {
        text = joined;
      }
      if (line.service) services.add(line.service);
    }
  }
  flush();
  return messages.length > 0 ? messages : [{ text: '', services: [] }];
}

/** A line in pieces of at most `max` characters (one piece when it fits). */
function cut(text: string, max: number): string[] {
  if (text.length <= max || max <= 0) return [text];
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += max) pieces.push(text.slice(at, at + max));
  return pieces;
}
