import type { ConversationState } from '../engine/types.js';

/**
 * Where conversation state lives between turns. Keys are "channel/conversation id";
 * values hold step ids and option values only. Entries expire.
 */
export interface StateStore {
  read(key: string): Promise<ConversationState | undefined>;
  write(key: string, state: ConversationState): Promise<void>;
  delete(key: string): Promise<void>;
  close(): void;
}

interface Entry {
  state: ConversationState;
  expiresAt: number;
}

/**
 * An in-memory store with a time-to-live. Expired entries are never returned, and a sweep
 * removes them so forgotten conversations do not linger in memory.
 */
export function createMemoryStateStore(
  ttlMinutes: number,
  now: () => number = Date.now,
): StateStore {
  const ttl = ttlMinutes * 60_000;
  const entries = new Map<string, Entry>();
  const sweep = setInterval(
    () => {
      const time = now();
      for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key);
    },
    Math.min(ttl, 60_000),
  );
  sweep.unref();
  return {
    async read(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.state;
    },
    async write(key, state) {
      entries.set(key, { state, expiresAt: now() + ttl });
    },
    async delete(key) {
      entries.delete(key);
    },
    close() {
      clearInterval(sweep);
      entries.clear();
    },
  };
}
