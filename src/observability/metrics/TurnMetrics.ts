import type { Urgency } from '../../engine/types.js';

/** One finished turn, as anonymous labels only: no ids, no text, no times. */
export interface TurnCount {
  channel: string;
  /** The highest urgency of the turn's replies. */
  urgency: Urgency;
  /** The outcome step reached in this turn, if any. */
  outcome?: string;
  /** Ids of the services signposted in this turn. */
  services: readonly string[];
}

/**
 * The metrics port: anonymous counts for the charity, by channel, outcome, service and
 * urgency. Implementations must never add an identifier or a time finer than the scrape.
 */
export interface TurnMetrics {
  countTurn(turn: TurnCount): void;
  /** A turn answered with the fail-safe reply (storage or code failed). */
  countFailSafe(channel: string): void;
}

/** Metrics that count nothing: the default when none are wired. */
export const noMetrics: TurnMetrics = {
  countTurn: () => undefined,
  countFailSafe: () => undefined,
};
