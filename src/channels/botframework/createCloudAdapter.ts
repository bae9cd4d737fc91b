import { CloudAdapter, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Settings } from '../../config/settings.js';
import { errorName } from '../../observability/errorName.js';
import type { Log } from '../../observability/log.js';
import type { TurnRunner } from '../../turns/TurnRunner.js';
import { ReusingClientsAuthentication } from './ReusingClientsAuthentication.js';

/**
 * The Bot Framework adapter for POST /api/messages, configured from the MicrosoftApp*
 * settings: MultiTenant (app id and password), SingleTenant (plus the tenant id) or
 * UserAssignedMSI (the managed identity's client id and tenant id, no password).
 *
 * The turn service answers every failure inside a turn itself; `onTurnError` catches what
 * fails around it (sending, the adapter) and still tries to give 999 and the helplines.
 */
export function createCloudAdapter(settings: Settings, turns: TurnRunner, log: Log): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: settings.MicrosoftAppId,
    MicrosoftAppPassword: settings.MicrosoftAppPassword,
    MicrosoftAppType: settings.MicrosoftAppType,
    MicrosoftAppTenantId: settings.MicrosoftAppTenantId,
  });
  // Connector and token clients are built once and reused, not on every turn (see there).
  const adapter = new CloudAdapter(new ReusingClientsAuthentication({}, credentials));
  adapter.onTurnError = async (context, error) => {
    log('adapter-turn-failed', { error: errorName(error) });
    const text = typeof context.activity.text === 'string' ? context.activity.text : '';
    await context
      .sendActivities(turns.failSafe(context.activity.channelId, text))
      .catch((sendError: unknown) => log('fail-safe-not-sent', { error: errorName(sendError) }));
  };
  return adapter;
}
