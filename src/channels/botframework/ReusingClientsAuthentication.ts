import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type Factory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type Connector = Awaited<ReturnType<Factory['create']>>;
type TokenClient = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>
>;
type Authenticated = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/** Claims that decide which credentials a client is built with: the bot's identity. */
const IDENTITY_CLAIMS = new Set(['aud', 'appid', 'azp', 'ver', 'tid']);

/**
 * A small map that forgets its oldest entry past `limit`, so callers cannot grow it without
 * bound (with no app id, any local caller chooses the serviceUrl).
 */
class BoundedCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string, make: () => T): T {
    const found = this.entries.get(key);
    if (found !== undefined) return found;
    const made = make();
    this.entries.set(key, made);
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return made;
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
}

/**
 * CloudAdapter's authentication, except that the connector and user-token clients are built
 * once per bot identity, service URL and audience and then reused, instead of on every turn.
 * The profile of POST /api/messages showed building them (an Azure HTTP pipeline each) as
 * the largest cost of a turn after the bot's own work. Credentials and tokens are unchanged:
 * each client still gets and refreshes its tokens through the same credentials.
 */
export class ReusingClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<Promise<Connector>>(64);
  private readonly tokenClients = new BoundedCache<Promise<TokenClient>>(16);

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ): Promise<Authenticated> {
    const result = await super.authenticateRequest(...args);
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: this.reusing(result.claimsIdentity, result.connectorFactory),
    };
  }

  override createConnectorFactory(claims: Claims): Factory {
    return this.reusing(claims, super.createConnectorFactory(claims));
  }

  override createUserTokenClient(claims: Claims): Promise<TokenClient> {
    const key = identityOf(claims);
    return this.remember(this.tokenClients, key, () => super.createUserTokenClient(claims));
  }

  private reusing(claims: Claims, factory: Factory): Factory {
    const identity = identityOf(claims);
    const create = (serviceUrl: string, audience?: string) =>
      this.remember(this.connectors, `${identity}|${serviceUrl}|${audience ?? ''}`, () =>
        factory.create(serviceUrl, audience),
      );
    return { create } as Factory;
  }

  private remember<T>(cache: BoundedCache<Promise<T>>, key: string, make: () => Promise<T>) {
    const made = cache.get(key, make);
    // A client that could not be built is not kept: the next turn tries again.
    made.catch(() => cache.delete(key));
    return made;
  }
}

function identityOf(claims: Claims): string {
  return claims.claims
    .filter((claim) => IDENTITY_CLAIMS.has(claim.type))
    .map((claim) => `${claim.type}=${claim.value}`)
    .sort()
    .join(',');
}
