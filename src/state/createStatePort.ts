import type { Settings } from '../config/settings.js';
import { createMemoryStatePort } from './createMemoryStatePort.js';
import type { StatePort } from './StatePort.js';
import type * as Blob from './createBlobStatePort.js';

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
  // Loaded only when asked for: the Azure SDK costs a process that keeps state in memory
  // about 0.3 s of start-up and several MB (npm run bench, "start to listening").
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createBlobStatePort } = require('./createBlobStatePort.js') as typeof Blob;
  return createBlobStatePort({
    connectionString: settings.AZURE_STORAGE_CONNECTION_STRING,
    timeoutMs: settings.STATE_TIMEOUT_MS,
    now,
    ...(onSweepError ? { onSweepError } : {}),
  });
}
