import type { StatePort } from '../../state/StatePort.js';

/**
 * What another instance needs to carry on a web conversation: never the queued replies
 * (they hold the echo of what the person typed), only ids, flags and the activity
 * sequence, so the next reply's id and watermark follow on from the last one sent.
 */
export interface ConversationRecord {
  id: string;
  /** The Direct Line user id: one the page chose, or a random one made by the server. */
  userId: string;
  locale?: string;
  userBound: boolean;
  started: boolean;
  /** The last activity sequence number given out. */
  lastSeq: number;
}

/**
 * Where Direct Line conversation records are kept so a web chat survives the loss of its
 * instance. A small port of its own, so the channel's transport (polling today, WebSocket
 * streaming next) does not depend on how records are stored.
 */
export interface ConversationRecordStore {
  load(id: string): Promise<ConversationRecord | undefined>;
  /** Saves the record; on a race with another instance, the higher sequence is kept. */
  save(record: ConversationRecord): Promise<void>;
  delete(id: string): Promise<void>;
  /** Drops what this instance cached about a record it no longer holds in memory. */
  release(id: string): void;
}

const recordKey = (id: string) => `directline-record/${id}`;

/**
 * Conversation records in the shared state port (blob storage when several instances run),
 * expiring like conversation state. Writes carry the version last seen, never `*`.
 */
export function createStateRecordStore(
  state: StatePort,
  ttlMs: number,
  now: () => number = Date.now,
): ConversationRecordStore {
  /** The version of each record this instance last read or wrote. */
  const versions = new Map<string, string>();
  const expiry = () => new Date(now() + ttlMs);
  return {
    async load(id) {
      const stored = await state.read(recordKey(id));
      if (!stored || !isRecord(stored.state) || stored.state.id !== id) return undefined;
      versions.set(id, stored.version);
      return stored.state;
    },
    async save(record) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const written = await state.write(
          recordKey(record.id),
          record,
          versions.get(record.id),
          expiry(),
        );
        if (written.kind === 'written') {
          versions.set(record.id, written.version);
          return;
        }
        const current = await this.load(record.id);
        if (!current) versions.delete(record.id);
        else record = { ...record, lastSeq: Math.max(record.lastSeq, current.lastSeq) };
      }
      throw new Error('Could not save the conversation record.');
    },
    async delete(id) {
      versions.delete(id);
      await state.delete(recordKey(id));
    },
    release(id) {
      versions.delete(id);
    },
  };
}

function isRecord(value: unknown): value is ConversationRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    typeof record.userId === 'string' &&
    typeof record.userBound === 'boolean' &&
    typeof record.started === 'boolean' &&
    typeof record.lastSeq === 'number' &&
    (record.locale === undefined || typeof record.locale === 'string')
  );
}
