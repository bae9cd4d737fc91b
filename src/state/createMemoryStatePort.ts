import { flat } from './flatString.js';
import type { StatePort, VersionedState, WriteResult } from './StatePort.js';

/**
 * One stored value, kept small because there is one per conversation (and one per SMS
 * MessageSid seen): the text flat, the version and the expiry as small integers (a version
 * counts writes; the expiry is in ms from when the store was made), so none is a separate
 * object on the heap.
 */
class Entry {
  constructor(
    /** Kept serialised, as blob storage keeps it, so no caller can change it in place. */
    readonly json: string,
    readonly version: number,
    readonly expiresIn: number,
  ) {}
}

/** What most SMS MessageSid records hold, shared rather than one copy each. */
const EMPTY_OBJECT = '{}';

/**
 * A {@link StatePort} in this process's memory, for one instance. Entries past their
 * `expiresAt` are never returned, and a sweep removes them so that forgotten
 * conversations do not linger in memory.
 *
 * @param now the clock, in ms since the epoch; tests pass their own.
 * @param sweepMs how often expired entries are removed.
 */
export function createMemoryStatePort(now: () => number = Date.now, sweepMs = 60_000): StatePort {
  const entries = new Map<string, Entry>();
  // Expiry times are kept as ms from here, which fit a small integer for days.
  const base = now();
  let nextVersion = 0;
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresIn + base <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = setInterval(() => {
    const time = now() - base;
    for (const [key, entry] of entries) if (entry.expiresIn <= time) entries.delete(key);
  }, sweepMs);
  sweep.unref();

  return {
    read(key): Promise<VersionedState | undefined> {
      const entry = live(key);
      return Promise.resolve(
        entry
          ? { state: JSON.parse(entry.json) as unknown, version: String(entry.version) }
          : undefined,
      );
    },
    write(key, state, expectedVersion, expiresAt): Promise<WriteResult> {
      const entry = live(key);
      if (
        expectedVersion === undefined
          ? entry !== undefined
          : entry === undefined || String(entry.version) !== expectedVersion
      ) {
        return Promise.resolve({ kind: 'conflict' });
      }
      nextVersion += 1;
      const json = JSON.stringify(state);
      const text = json === EMPTY_OBJECT ? EMPTY_OBJECT : flat(json);
      entries.set(key, new Entry(text, nextVersion, expiresAt.getTime() - base));
      return Promise.resolve({ kind: 'written', version: String(nextVersion) });
    },
    delete(key): Promise<void> {
      entries.delete(key);
      return Promise.resolve();
    },
    close(): Promise<void> {
      clearInterval(sweep);
      entries.clear();
      return Promise.resolve();
    },
  };
}
