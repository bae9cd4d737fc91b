import type { OutgoingActivity } from '../render/outgoingActivity.js';
import type { TurnService } from '../../turns/TurnService.js';
import { tenantPolicyOf, type TenantPolicy } from './tenantPolicy.js';

/** The dialog Teams conversations start in: the staff conversation (dialogs/staff.yml). */
export const TEAMS_DIALOG = 'staff';

/** Everything the Bot Framework edge needs to serve Teams, made once at start-up. */
export interface TeamsEdge {
  tenants: TenantPolicy;
  /** The dialog a new Teams conversation starts in. */
  dialog: string;
  /** Rendered once: content cannot change while the process runs. */
  notices: { welcome: OutgoingActivity[]; refused: OutgoingActivity[] };
}

/** Builds the Teams edge from settings and the turn service (for the content's notices). */
export function createTeamsEdge(
  settings: Parameters<typeof tenantPolicyOf>[0],
  turns: Pick<TurnService, 'notice'>,
): TeamsEdge {
  return {
    tenants: tenantPolicyOf(settings),
    dialog: TEAMS_DIALOG,
    notices: {
      welcome: turns.notice('msteams', 'teamsWelcome'),
      refused: turns.notice('msteams', 'tenantRefused'),
    },
  };
}
