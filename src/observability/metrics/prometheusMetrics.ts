import { Counter, Registry } from 'prom-client';
import { channelName, type ChannelName } from '../logFields.js';
import type { TurnCount, TurnMetrics } from './TurnMetrics.js';

/** Content ids are short slugs; anything else is not a label value we trust. */
const ID = /^[a-z0-9-]{1,64}$/;

const idLabel = (id: string) => (ID.test(id) ? id : 'other');

/**
 * The metrics port on prom-client, in a registry of its own (so several apps in one test
 * process never share counts). Labels come only from channel ids and content ids, so the
 * number of series is small and fixed, and none can carry a person's words.
 */
export function createPrometheusMetrics(): TurnMetrics & { registry: Registry } {
  const registry = new Registry();
  const turns = new Counter({
    name: 'waymark_turns_total',
    help: 'Turns answered, by channel and the highest urgency of the reply.',
    labelNames: ['channel', 'urgency'] as const,
    registers: [registry],
  });
  const outcomes = new Counter({
    name: 'waymark_outcomes_total',
    help: 'Signpost outcomes reached, by channel, outcome and the urgency of the turn.',
    labelNames: ['channel', 'outcome', 'urgency'] as const,
    registers: [registry],
  });
  const services = new Counter({
    name: 'waymark_services_signposted_total',
    help: 'Times each service was signposted, by channel.',
    labelNames: ['channel', 'service'] as const,
    registers: [registry],
  });
  const failSafe = new Counter({
    name: 'waymark_fail_safe_total',
    help: 'Turns answered with the fail-safe reply (999 and the helplines), by channel.',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  return {
    registry,
    countTurn(turn: TurnCount) {
      const channel = channelName(turn.channel);
      turns.inc({ channel, urgency: turn.urgency });
      if (turn.outcome) {
        outcomes.inc({ channel, outcome: idLabel(turn.outcome), urgency: turn.urgency });
      }
      for (const service of new Set(turn.services)) {
        services.inc({ channel, service: idLabel(service) });
      }
    },
    countFailSafe(channel: ChannelName) {
      failSafe.inc({ channel: channelName(channel) });
    },
  };
}
