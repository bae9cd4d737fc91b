import type { StatePort, VersionedState, WriteResult } from './StatePort.js';

interface Entry {
  /** Kept serialised, as blob storage keeps it, so no caller can change it in place. */
  json: string;
  version: string;
  expiresAt: number;
}

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
  let nextVersion = 0;
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = setInterval(() => {
    const time = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key);
  }, sweepMs);
  sweep.unref();

  return {
    read(key): Promise<VersionedState | undefined> {
      const entry = live(key);
      return Promise.resolve(
        entry ? { state: JSON.parse(entry.json) as unknown, version: entry.version } : undefined,
      );
    },
    write(key, state, expectedVersion, expiresAt): Promise<WriteResult> {
      const entry = live(key);
      if (
        expectedVersion === undefined ? entry !== undefined : entry?.version !== expectedVersion
      ) {
        return Promise.resolve({ kind: 'conflict' });
      }
      nextVersion += 1;
      const version = String(nextVersion);
      entries.set(key, { json: JSON.stringify(state), version, expiresAt: expiresAt.getTime() });
      return Promise.resolve({ kind: 'written', version });
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
