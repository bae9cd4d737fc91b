import { expect } from 'chai';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { loadContent } from '../../src/content/loadContent.js';
import { dataProtectionFiles, dpiaMarkdown } from '../../src/review/dataProtection.js';
import { disk } from './support.js';

const content = loadContent(disk);
const sms = {
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
  TWILIO_AUTH_TOKEN: 'a-test-auth-token',
  TWILIO_FROM: '+447700900000',
  SMS_KEY: 'k'.repeat(32),
  PUBLIC_URL: 'https://bot.example.org',
};

describe('the data protection pack (npm run content:docs)', () => {
  it('holds the privacy notice exactly as GET /privacy serves it', async () => {
    const app = createApp(loadSettings({}), { log: () => undefined });
    try {
      const { port } = await app.listen(0, '127.0.0.1');
      const served = await (await fetch(`http://127.0.0.1:${port}/privacy`)).text();
      const files = dataProtectionFiles(content, loadSettings({}));
      expect(files['docs/data-protection/privacy-notice.html']).to.equal(served);
      for (const paragraph of content.wording.privacyNotice.paragraphs) {
        expect(files['docs/data-protection/privacy-notice.md']).to.include(paragraph);
      }
    } finally {
      await app.close();
    }
  });

  it('describes the settings it is given, not a fixed story', () => {
    const defaults = dpiaMarkdown(content, loadSettings({}));
    expect(defaults).to.include('STORAGE=memory: this process only');
    expect(defaults).to.include(
      'SMS is off in these settings; by default: SMS_DELETE_AFTER_SEND=false',
    );
    const deployed = dpiaMarkdown(
      content,
      loadSettings({
        ...sms,
        STORAGE: 'blob',
        AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
        SMS_DELETE_AFTER_SEND: 'true',
        SMS_CONTENT_RETENTION: 'discard',
        DIRECT_LINE_IDLE_SECONDS: '240',
      }),
    );
    expect(deployed).to.include('in Azure Blob Storage (STORAGE=blob)');
    expect(deployed).to.include('In these settings: SMS_DELETE_AFTER_SEND=true');
    expect(deployed).to.include('ContentRetention=discard');
    expect(deployed).to.include('for 240 seconds (DIRECT_LINE_IDLE_SECONDS)');
  });

  it('says when the privacy notice promises another retention than STATE_TTL_MINUTES', () => {
    // The shipped notice promises 30 minutes, the default.
    expect(dpiaMarkdown(content, loadSettings({}))).not.to.include('**Check:**');
    expect(dpiaMarkdown(content, loadSettings({ STATE_TTL_MINUTES: '45' }))).to.include(
      '**Check:** the privacy notice says 30 minutes, but STATE_TTL_MINUTES is 45',
    );
  });

  it('names Microsoft and Twilio as processors, and marks what only the charity can write', () => {
    const dpia = dpiaMarkdown(content, loadSettings({}));
    expect(dpia).to.match(/\| Microsoft \(/);
    expect(dpia).to.match(/\| Twilio \|/);
    expect(dpia).to.include('**[CHARITY TO COMPLETE]**');
    // Nothing in it is a phone number or a message: it is about processing, not content.
    expect(dpia).not.to.match(/\b0\d{3} ?\d{3} ?\d{4}\b/);
  });
});
