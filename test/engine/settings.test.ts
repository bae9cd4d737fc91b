import { expect } from 'chai';
import { loadSettings } from '../../src/config/settings.js';

describe('settings', () => {
  it('has safe defaults', () => {
    const settings = loadSettings({});
    expect(settings.PORT).to.equal(3978);
    expect(settings.STORAGE).to.equal('memory');
    expect(settings.DIRECT_LINE_TOKEN_MINUTES).to.equal(30);
    expect(settings.directLineSecret).to.have.length.greaterThan(30);
    expect(loadSettings({}).directLineSecret).not.to.equal(settings.directLineSecret);
  });

  it('names each bad setting', () => {
    expect(() => loadSettings({ PORT: 'eighty', MicrosoftAppType: 'Everyone' })).to.throw(
      /PORT[\s\S]*MicrosoftAppType|MicrosoftAppType[\s\S]*PORT/,
    );
  });

  it('refuses azure mode without its secret', () => {
    expect(() => loadSettings({ DIRECT_LINE_MODE: 'azure' })).to.throw(/AZURE_DIRECT_LINE_SECRET/);
  });
});
