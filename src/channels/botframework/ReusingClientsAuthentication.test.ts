import { expect } from 'chai';
import { CloudAdapter, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { ReusingClientsAuthentication } from './ReusingClientsAuthentication.js';

/** CloudAdapter builds claims as a verified request would carry them; it keeps that protected. */
class ClaimsMaker extends CloudAdapter {
  claimsFor(appId: string) {
    return this.createClaimsIdentity(appId);
  }
}

describe('ReusingClientsAuthentication: connector and token clients built once, not per turn', () => {
  const auth = () =>
    new ReusingClientsAuthentication({}, new ConfigurationServiceClientCredentialFactory({}));
  const identity = (appId: string) => new ClaimsMaker(auth()).claimsFor(appId);

  it('reuses a connector client for the same bot, service URL and audience', async () => {
    const authentication = auth();
    const factory = authentication.createConnectorFactory(identity('app-1'));
    const first = await factory.create('https://smba.example.net/emea/', 'audience');
    expect(await factory.create('https://smba.example.net/emea/', 'audience')).to.equal(first);
    const again = authentication.createConnectorFactory(identity('app-1'));
    expect(await again.create('https://smba.example.net/emea/', 'audience')).to.equal(first);
  });

  it('builds another for another service URL, audience or bot identity', async () => {
    const authentication = auth();
    const factory = authentication.createConnectorFactory(identity('app-1'));
    const first = await factory.create('https://smba.example.net/emea/', 'audience');
    expect(await factory.create('https://smba.example.net/amer/', 'audience')).to.not.equal(first);
    expect(await factory.create('https://smba.example.net/emea/', 'other')).to.not.equal(first);
    const other = authentication.createConnectorFactory(identity('app-2'));
    expect(await other.create('https://smba.example.net/emea/', 'audience')).to.not.equal(first);
  });

  it('keeps at most 64 connector clients, forgetting the oldest', async () => {
    const authentication = auth();
    const factory = authentication.createConnectorFactory(identity('app-1'));
    const first = await factory.create('http://127.0.0.1:1/0', undefined);
    for (let i = 1; i <= 64; i += 1) await factory.create(`http://127.0.0.1:1/${i}`, undefined);
    expect(await factory.create('http://127.0.0.1:1/0', undefined)).to.not.equal(first);
  });

  it('reuses the user-token client for the same bot identity only', async () => {
    const authentication = auth();
    const first = await authentication.createUserTokenClient(identity('app-1'));
    expect(await authentication.createUserTokenClient(identity('app-1'))).to.equal(first);
    expect(await authentication.createUserTokenClient(identity('app-2'))).to.not.equal(first);
  });
});
