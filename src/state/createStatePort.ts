import type { Settings } from '../config/settings.js';
import { createBlobStatePort } from './createBlobStatePort.js';
import { createMemoryStatePort } from './createMemoryStatePort.js';
import type { StatePort } from './StatePort.js';

/**
 * The state port the settings ask for: in memory (the default, one instance, nothing to set
 * up), or Azure Blob Storage shared by every instance (`STORAGE=blob`).
 *
 * @param now the clock state expires on: the same one the turns use.
 */
export function createStatePort(
  settings: Pick<Settings, 'STORAGE' | 'AZURE_STORAGE_CONNECTION_STRING' | 'STATE_TIMEOUT_MS'>,
  now: () => number,
  onSweepError?: (error: unknown) => void,
): StatePort {
  if (settings.STORAGE === 'memory') return createMemoryStatePort(now);
  if (!settings.AZURE_STORAGE_CONNECTION_STRING) {
    throw new Error('STORAGE=blob needs AZURE_STORAGE_CONNECTION_STRING.');
  }
  return createBlobStatePort({
    connectionString: settings.AZURE_STORAGE_CONNECTION_STRING,
    timeoutMs: settings.STATE_TIMEOUT_MS,
    now,
    ...(onSweepError ? { onSweepError } : {}),
  });
}
