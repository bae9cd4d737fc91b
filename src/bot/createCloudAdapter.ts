import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Settings } from '../config/settings.js';

/**
 * The Bot Framework adapter for POST /api/messages, configured from the MicrosoftApp*
 * settings: MultiTenant (app id and password), SingleTenant (plus the tenant id) or
 * UserAssignedMSI (the managed identity's client id and tenant id, no password).
 */
export function createCloudAdapter(settings: Settings): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: settings.MicrosoftAppId,
    MicrosoftAppPassword: settings.MicrosoftAppPassword,
    MicrosoftAppType: settings.MicrosoftAppType,
    MicrosoftAppTenantId: settings.MicrosoftAppTenantId,
  });
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
}
