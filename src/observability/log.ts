/** Fields a log line may carry: ids, counts and flags. Never message text or contact details. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** Writes one structured event. */
export type Log = (event: string, fields?: LogFields) => void;

/**
 * A JSON-lines logger to stdout. It takes an event name and safe fields only, so there is
 * no call that could put a person's words into a log by accident.
 */
export function createLog(
  write: (line: string) => void = (line) => process.stdout.write(line),
): Log {
  return (event, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
  };
}

/** A logger that drops everything, for tests and the terminal chat. */
export const silentLog: Log = () => undefined;
