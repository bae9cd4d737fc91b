import { isTenantAllowed, type TenantPolicy } from './tenantPolicy.js';

/** The parts of a Teams activity the gate reads; plain data, so this stays SDK-free. */
export interface TeamsActivityShape {
  recipient?: { id?: string };
  conversation?: { conversationType?: string; tenantId?: string };
  channelData?: unknown;
  entities?: unknown;
  type?: string;
  value?: unknown;
}

/** Where a Teams message came from. */
export type TeamsScope = 'personal' | 'groupChat' | 'channel';

/** What to do with a Teams activity before anything reads its text. */
export type TeamsDecision =
  /** Another organisation's tenant: a polite refusal, and no content. */
  | { kind: 'refuse' }
  /** A group chat or channel message that does not @mention the bot: stay silent. */
  | { kind: 'ignore' }
  | { kind: 'take'; scope: TeamsScope };

/** The tenant of a Teams activity: `conversation.tenantId`, or `channelData.tenant.id`. */
export function tenantOf(activity: TeamsActivityShape): string | undefined {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant
    ?.id;
  const tenant = activity.conversation?.tenantId ?? fromChannel;
  return typeof tenant === 'string' && tenant ? tenant : undefined;
}

/** Personal chat unless Teams says group chat or channel. */
export function scopeOf(activity: TeamsActivityShape): TeamsScope {
  const type = activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel' ? type : 'personal';
}

/** True when the activity @mentions the bot itself (not just anyone). */
export function mentionsRecipient(activity: TeamsActivityShape): boolean {
  const botId = activity.recipient?.id;
  if (!botId || !Array.isArray(activity.entities)) return false;
  return activity.entities.some((entity: unknown) => {
    const mention = entity as { type?: unknown; mentioned?: { id?: unknown } };
    return mention.type === 'mention' && mention.mentioned?.id === botId;
  });
}

/**
 * Decides a Teams message or invoke: the tenant first (another organisation gets nothing but a
 * refusal), then, in group chats and channels, whether the bot was @mentioned. Staff talk to
 * each other there; the bot answers only when asked.
 */
export function decideTeamsTurn(
  activity: TeamsActivityShape,
  tenants: TenantPolicy,
): TeamsDecision {
  if (!isTenantAllowed(tenants, tenantOf(activity))) return { kind: 'refuse' };
  const scope = scopeOf(activity);
  // A press on one of the bot's own cards (a submit's value, or an invoke) is addressed to it.
  const cardAction = activity.type === 'invoke' || typeof activity.value === 'object';
  if (scope !== 'personal' && !cardAction && !mentionsRecipient(activity)) {
    return { kind: 'ignore' };
  }
  return { kind: 'take', scope };
}
