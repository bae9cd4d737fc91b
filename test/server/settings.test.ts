import { expect } from 'chai';
import { loadSettings } from '../../src/config/settings.js';
import { startProcess } from './support/waymarkProcess.js';

describe('settings that are not valid stop start-up (issue 6, defect 5)', function () {
  this.timeout(60_000);

  it('refuses a PUBLIC_URL that is not an http(s) address, naming the setting', () => {
    for (const bad of [
      'bot.example.org',
      'ftp://bot.example.org',
      'https://bot.example.org/?a=1',
    ]) {
      expect(() => loadSettings({ PUBLIC_URL: bad }), bad).to.throw(/PUBLIC_URL/);
    }
    expect(loadSettings({ PUBLIC_URL: 'https://bot.example.org/' }).PUBLIC_URL).to.equal(
      'https://bot.example.org',
    );
  });

  it('refuses ALLOWED_ORIGINS entries that are not origins, and TRUSTED_PROXIES that are not IPs', () => {
    expect(() => loadSettings({ ALLOWED_ORIGINS: 'https://a.example/page' })).to.throw(
      /ALLOWED_ORIGINS/,
    );
    expect(() => loadSettings({ ALLOWED_ORIGINS: 'www.example.org' })).to.throw(/ALLOWED_ORIGINS/);
    expect(loadSettings({ ALLOWED_ORIGINS: 'https://a.example/, http://b.example:8080' }))
      .to.have.property('ALLOWED_ORIGINS')
      .that.deep.equals(['https://a.example', 'http://b.example:8080']);
    expect(() => loadSettings({ TRUSTED_PROXIES: 'proxy.local' })).to.throw(/TRUSTED_PROXIES/);
    expect(() => loadSettings({ EXIT_URL: 'javascript:alert(1)' })).to.throw(/EXIT_URL/);
    expect(() => loadSettings({ HTTP_IDLE_TIMEOUT_SECONDS: '0' })).to.throw(
      /HTTP_IDLE_TIMEOUT_SECONDS/,
    );
  });

  it('the process stops with a message naming PUBLIC_URL', async () => {
    const run = startProcess('src/index.ts', {
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'bot.example.org',
    });
    try {
      // Either it stops, or (the fault) it starts listening with the bad setting.
      const code = await Promise.race([
        run.exited,
        run.waitForLine((line) => line.includes('"event":"listening"')).then(() => 'listening'),
      ]);
      expect(code).to.equal(1);
      expect(run.stderr.join('')).to.include('PUBLIC_URL').and.include('did not start');
    } finally {
      await run.stop('SIGKILL');
    }
  });
});
