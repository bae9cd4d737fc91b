/** A storage call took longer than the configured timeout; the turn gives the fail-safe. */
export class StateTimeoutError extends Error {
  override readonly name = 'StateTimeoutError';
  constructor() {
    super('State storage did not answer in time.');
  }
}

/**
 * Storage could not be reached or failed. The message names only the class of the cause
 * (never a response body or URL), so it is safe to log.
 */
export class StateUnavailableError extends Error {
  override readonly name = 'StateUnavailableError';
  constructor(cause: string) {
    super(`State storage is unavailable (${cause}).`);
  }
}
