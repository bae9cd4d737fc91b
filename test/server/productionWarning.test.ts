import { expect } from 'chai';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';

describe('unverified facts in production', () => {
  const start = (NODE_ENV: string) => {
    const events: { event: string; count?: unknown }[] = [];
    const app = createApp(loadSettings({ NODE_ENV }), {
      log: (event, fields) => events.push({ event, ...fields }),
    });
    return { events, app };
  };

  it('logs a warning with the count while any fact is unverified', async () => {
    const { events, app } = start('production');
    const warning = events.find((e) => e.event === 'content-unverified-facts');
    expect(warning?.count).to.be.a('number').and.greaterThan(0);
    await app.close();
  });

  it('stays quiet about it in development', async () => {
    const { events, app } = start('development');
    expect(events.map((e) => e.event)).not.to.include('content-unverified-facts');
    await app.close();
  });
});
