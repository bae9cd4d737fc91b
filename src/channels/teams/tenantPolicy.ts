/**
 * Which Microsoft 365 tenants may use the bot in Teams. Partner organisations (a police
 * force, an NHS trust) are added to ALLOWED_TENANTS by their tenant id.
 */
export type TenantPolicy =
  /** No app id is set, so only this machine can reach the bot (local tools): any tenant. */
  { kind: 'any' } | { kind: 'only'; tenants: ReadonlySet<string> };

/**
 * ALLOWED_TENANTS when set; otherwise the bot's own tenant (MicrosoftAppTenantId). With
 * neither, a bot with an app id allows no tenant at all: refusing is the safe default, since
 * a tenant id cannot be guessed from a MultiTenant registration.
 */
export function tenantPolicyOf(settings: {
  ALLOWED_TENANTS: readonly string[];
  MicrosoftAppTenantId?: string | undefined;
  MicrosoftAppId?: string | undefined;
}): TenantPolicy {
  const listed = settings.ALLOWED_TENANTS.length
    ? settings.ALLOWED_TENANTS
    : settings.MicrosoftAppTenantId
      ? [settings.MicrosoftAppTenantId]
      : [];
  if (listed.length === 0 && !settings.MicrosoftAppId) return { kind: 'any' };
  return { kind: 'only', tenants: new Set(listed.map((id) => id.toLowerCase())) };
}

/** True when a tenant may use the bot. An activity with no tenant id is allowed only under 'any'. */
export function isTenantAllowed(policy: TenantPolicy, tenantId: string | undefined): boolean {
  if (policy.kind === 'any') return true;
  return tenantId !== undefined && policy.tenants.has(tenantId.toLowerCase());
}
