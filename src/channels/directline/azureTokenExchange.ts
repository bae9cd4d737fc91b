/** A Direct Line token from Azure Bot Service, as its token endpoint answers. */
export interface AzureToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** How long to wait for Azure before telling the page to try again. */
const EXCHANGE_TIMEOUT_MS = 10_000;

/**
 * Exchanges the Azure Direct Line secret for a conversation token, server-side, so that the
 * secret never reaches the browser. Throws when Azure cannot be reached or refuses; the
 * error message carries only the status, never the secret or the token.
 */
export async function exchangeAzureToken(endpoint: string, secret: string): Promise<AzureToken> {
  const url = `${endpoint.replace(/\/+$/, '')}/tokens/generate`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`Azure token exchange answered ${response.status}.`);
  const body = (await response.json()) as Partial<AzureToken>;
  if (
    typeof body.token !== 'string' ||
    typeof body.conversationId !== 'string' ||
    typeof body.expires_in !== 'number'
  ) {
    throw new Error('Azure token exchange gave an unexpected answer.');
  }
  return { conversationId: body.conversationId, token: body.token, expires_in: body.expires_in };
}
