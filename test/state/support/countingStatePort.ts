import type { StatePort } from '../../../src/state/StatePort.js';

/** What the counting port stores: the turn's state and how many writes led to it. */
export interface Counted {
  state: unknown;
  writes: number;
}

/**
 * Wraps a real state port so every stored value also counts the writes that built on one
 * another. A write says which version it read (its expected version), so the count it
 * stores is exactly "the count it read + 1". If any write were lost (a last-writer-wins
 * overwrite), the final count would fall short of the number of turns.
 */
export function countingStatePort(inner: StatePort): StatePort {
  const countAt = new Map<string, number>();
  return {
    async read(key) {
      const stored = await inner.read(key);
      if (!stored) return undefined;
      const counted = stored.state as Counted;
      countAt.set(stored.version, counted.writes);
      return { state: counted.state, version: stored.version };
    },
    write(key, state, expectedVersion, expiresAt) {
      const before = expectedVersion === undefined ? 0 : (countAt.get(expectedVersion) ?? NaN);
      const counted: Counted = { state, writes: before + 1 };
      return inner.write(key, counted, expectedVersion, expiresAt);
    },
    delete: (key) => inner.delete(key),
    close: () => inner.close(),
  };
}
