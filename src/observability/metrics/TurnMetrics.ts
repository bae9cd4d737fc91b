import type { Urgency } from '../../engine/types.js';
import type { ChannelName, SafeName } from '../logFields.js';

/** One finished turn, as anonymous labels only: no ids, no text, no times. */
export interface TurnCount {
  /** By name from a closed list, as in the logs: never a channel id off the wire. */
  channel: ChannelName;
  /** The highest urgency of the turn's replies. */
  urgency: Urgency;
  /** The outcome step reached in this turn, if any. */
  outcome?: SafeName;
  /** Ids of the services signposted in this turn. */
  services: readonly SafeName[];
}

/**
 * The metrics port: anonymous counts for the charity, by channel, outcome, service and
 * urgency. Its labels have the log port's closed types, so no message text can be passed
 * by type. Implementations must never add an identifier or a time finer than the scrape.
 */
export interface TurnMetrics {
  countTurn(turn: TurnCount): void;
  /** A turn answered with the fail-safe reply (storage or code failed). */
  countFailSafe(channel: ChannelName): void;
}

/** Metrics that count nothing: the default when none are wired. */
export const noMetrics: TurnMetrics = {
  countTurn: () => undefined,
  countFailSafe: () => undefined,
};
