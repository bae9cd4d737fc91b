/** One message of a reply: its text, and the ids of the services its lines describe. */
export interface BudgetedMessage {
  text: string;
  services: string[];
}

/**
 * Joins lines (each with the id of the service it describes, if any, in `owners`) into as
 * few messages as keep to `max` characters each, breaking only at line ends; a single line
 * longer than `max` is cut at `max` (none is, in today's content). Text within the budget
 * is one message, exactly the lines joined.
 */
export function splitToBudget(
  lines: readonly string[],
  owners: readonly (string | undefined)[],
  separator: string,
  max: number,
): BudgetedMessage[] {
  // Nearly every reply fits: join it once, without building it up line by line.
  let length = separator.length * Math.max(0, lines.length - 1);
  for (const line of lines) length += line.length;
  if (length <= max) {
    const services: string[] = [];
    for (const owner of owners) if (owner && !services.includes(owner)) services.push(owner);
    return [{ text: lines.join(separator), services }];
  }
  const messages: BudgetedMessage[] = [];
  let text: string | undefined;
  let services = new Set<string>();
  const flush = () => {
    if (text !== undefined) messages.push({ text, services: [...services] });
    text = undefined;
    services = new Set();
  };
  lines.forEach((line, index) => {
    const owner = owners[index];
    for (const piece of cut(line, max)) {
      const joined = text === undefined ? piece : `${text}${separator}${piece}`;
      if (text !== undefined && joined.length > max) {
        flush();
        text = piece;
      } else {
        text = joined;
      }
      if (owner) services.add(owner);
    }
  });
  flush();
  return messages.length > 0 ? messages : [{ text: '', services: [] }];
}

/**
 * A line in pieces of at most `max` characters: at its own line ends first (plain text keeps
 * a reply's text as one line), then cut at `max` if a piece is still too long.
 */
function cut(text: string, max: number): string[] {
  if (text.length <= max || max <= 0) return [text];
  const pieces: string[] = [];
  for (const part of text.split('\n')) {
    for (let at = 0; at < part.length || at === 0; at += max) pieces.push(part.slice(at, at + max));
  }
  return pieces;
}
