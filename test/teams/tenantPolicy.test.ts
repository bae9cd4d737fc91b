import { expect } from 'chai';
import { isTenantAllowed, tenantPolicyOf } from '../../src/channels/teams/tenantPolicy.js';

const OWN = '11111111-2222-4333-8444-555555555555';
const POLICE = '66666666-7777-4888-9999-000000000000';

describe('Teams tenant policy (ALLOWED_TENANTS)', () => {
  it('allows only the bot’s own tenant by default', () => {
    const policy = tenantPolicyOf({
      ALLOWED_TENANTS: [],
      MicrosoftAppTenantId: OWN,
      MicrosoftAppId: 'id',
    });
    expect(isTenantAllowed(policy, OWN)).to.equal(true);
    expect(isTenantAllowed(policy, OWN.toUpperCase())).to.equal(true);
    expect(isTenantAllowed(policy, POLICE)).to.equal(false);
    expect(isTenantAllowed(policy, undefined)).to.equal(false);
  });

  it('ALLOWED_TENANTS replaces the default, so partners can be added', () => {
    const policy = tenantPolicyOf({
      ALLOWED_TENANTS: [OWN, POLICE],
      MicrosoftAppTenantId: OWN,
      MicrosoftAppId: 'id',
    });
    expect(isTenantAllowed(policy, POLICE)).to.equal(true);
    expect(isTenantAllowed(policy, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee')).to.equal(false);
  });

  it('with an app id but no tenant configured, refuses every tenant', () => {
    const policy = tenantPolicyOf({ ALLOWED_TENANTS: [], MicrosoftAppId: 'id' });
    expect(isTenantAllowed(policy, OWN)).to.equal(false);
  });

  it('locally (no app id, loopback only) accepts any tenant, for local tools', () => {
    expect(isTenantAllowed(tenantPolicyOf({ ALLOWED_TENANTS: [] }), POLICE)).to.equal(true);
  });
});
