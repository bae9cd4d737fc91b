import type { SlotName, Slots } from '../content/schema/eligibilitySchema.js';
import type { RoutingRule } from '../content/schema/routingSchema.js';

/** What the routing table says next: signpost with a rule, or ask one more question. */
export type RouteDecision =
  { kind: 'outcome'; rule: RoutingRule } | { kind: 'ask'; slot: SlotName };

/**
 * Reads the routing table top to bottom. The first rule whose conditions all hold wins.
 * A condition on an unknown answer fails the rule, unless the rule lists that answer under
 * `ask` and a question exists for it: then that question is asked first.
 */
export function route(
  table: { rules: readonly RoutingRule[] },
  slots: Slots,
  canAsk: (slot: SlotName) => boolean,
): RouteDecision {
  for (const rule of table.rules) {
    let holds = true;
    for (const [slot, wanted] of Object.entries(rule.when) as [SlotName, string | string[]][]) {
      const value = slots[slot];
      if (value === undefined) {
        if (rule.ask.includes(slot) && canAsk(slot)) return { kind: 'ask', slot };
        holds = false;
        break;
      }
      if (!(Array.isArray(wanted) ? wanted : [wanted]).includes(value)) {
        holds = false;
        break;
      }
    }
    if (holds) return { kind: 'outcome', rule };
  }
  // The content check guarantees a last rule with no conditions; this is belt and braces.
  throw new Error('The routing table has no rule that matches everyone');
}
