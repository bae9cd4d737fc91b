/**
 * A stored value with the version it was read at. Pass the version back to
 * {@link StatePort.write} so a write made from stale state is refused, not silently lost.
 */
export interface VersionedState {
  /** What was written: plain JSON data (objects, arrays, strings, numbers, booleans, null). */
  state: unknown;
  /** Opaque; changes on every write (an eTag in blob storage). */
  version: string;
}

/** The outcome of a write: the new version, or a conflict with another writer. */
export type WriteResult = { kind: 'written'; version: string } | { kind: 'conflict' };

/**
 * Where conversation state lives between turns, modelled on the Microsoft 365 Agents SDK's
 * `Storage` (whose writes carry an expected version). Keys are opaque strings
 * ("channel/conversation"). Values are plain JSON and never hold a person's words.
 *
 * Implementations: memory (this folder) and Azure Blob (issue 12). Every implementation
 * keeps these rules, checked by the shared contract test in test/state/:
 * - `read` of a missing or expired key gives `undefined`;
 * - `write` with `expectedVersion: undefined` only creates: it reports a conflict if the
 *   key exists (two first turns of one conversation cannot both win);
 * - `write` with a version reports a conflict unless the stored version is that one;
 * - `delete` always succeeds, whether or not the key exists.
 */
export interface StatePort {
  read(key: string): Promise<VersionedState | undefined>;
  write(
    key: string,
    state: unknown,
    expectedVersion: string | undefined,
    expiresAt: Date,
  ): Promise<WriteResult>;
  delete(key: string): Promise<void>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}
