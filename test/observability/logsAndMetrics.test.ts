import { expect } from 'chai';
import { createApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/settings.js';
import { BotClient } from '../support/botClient.js';
import { startWaymark, type RunningProcess } from '../server/support/waymarkProcess.js';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
const DIRECT_LINE_SECRET = 'log-scan-direct-line-secret-0123456789';

/** What people type that must never reach a log line. */
const PRIVATE = {
  name: 'Rosalind Featherstonehaugh',
  phone: '07700 900456',
  email: 'rosalind.f@example.net',
  place: 'Thorpe Bay SS1 3QQ',
};
const MESSAGE = `I'm ${PRIVATE.name}, at ${PRIVATE.place}, ring ${PRIVATE.phone} or ${PRIVATE.email}`;
const SCRIPTS = [
  ['yes', 'yes', 'me', 'somewhere to stay', PRIVATE.place],
  ['yes', MESSAGE, 'me', 'talk to someone', 'Leigh-on-Sea'],
  ['he is outside with a knife', 'carry on', MESSAGE, 'exit'],
  ['not sure', 'skip', 'someone else', 'not sure', 'help', 'SS0 7AB', 'start over', 'exit'],
];
/** Conversation and user ids the channels send; raw ids must not be logged either. */
const IDS = ['log-scan-conv-emulator', 'log-scan-conv-msteams', 'log-scan-user-42'];

describe('logs and metrics of a real Waymark process', function () {
  this.timeout(180_000);
  let waymark: RunningProcess & { base: string };

  before(async () => {
    waymark = await startWaymark({ METRICS_TOKEN, DIRECT_LINE_SECRET });
  });
  after(() => waymark.stop());

  async function webChat(script: string[]): Promise<void> {
    const started = await fetch(`${waymark.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${DIRECT_LINE_SECRET}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ user: { id: 'log-scan-user-42' } }),
    });
    const { conversationId, token } = (await started.json()) as {
      conversationId: string;
      token: string;
    };
    IDS.push(conversationId);
    for (const text of script) {
      await fetch(`${waymark.base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: 'log-scan-user-42' }, text }),
      });
    }
  }

  it('writes JSON lines with no words typed, phone numbers, emails or raw ids, on every channel', async () => {
    for (const [index, script] of SCRIPTS.entries()) {
      for (const channel of ['emulator', 'msteams']) {
        const chat = new BotClient(waymark.base, `log-scan-conv-${channel}`, channel);
        const onThis = new BotClient(waymark.base, `${chat.conversationId}-${index}`, channel);
        await onThis.open();
        for (const text of script) await onThis.say(text);
      }
      await webChat(script);
    }
    // A line for every turn at least, so the scan below has something to find.
    const lines = waymark.lines.filter((line) => line.trim() !== '');
    expect(lines.filter((line) => line.includes('"event":"turn"')).length).to.be.greaterThan(40);
    const words = [
      ...Object.values(PRIVATE).flatMap((value) => value.split(/[ ,]+/)),
      ...IDS,
      'Featherstonehaugh',
      'Rosalind',
    ].filter((word) => word.length >= 3 && !/^(at|or|on)$/i.test(word));
    for (const line of lines) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(parsed).to.have.property('event');
      expect(parsed).to.have.property('time');
      const lower = line.toLowerCase();
      for (const word of words) expect(lower, line).not.to.include(word.toLowerCase());
      expect(line).not.to.match(/\b0\d{4} ?\d{6}\b/);
      expect(line).not.to.match(/[\w.]+@[\w-]+\.\w+/);
    }
  });

  it('serves anonymous counts at GET /metrics only with the token', async () => {
    expect((await fetch(`${waymark.base}/metrics`)).status).to.equal(401);
    const wrong = await fetch(`${waymark.base}/metrics`, {
      headers: { Authorization: 'Bearer not-the-token' },
    });
    expect(wrong.status).to.equal(401);
    const response = await fetch(`${waymark.base}/metrics`, {
      headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.include('text/plain');
    const text = await response.text();
    expect(text).to.match(/waymark_turns_total\{channel="msteams",urgency="emergency"\} [1-9]/);
    expect(text).to.match(
      /waymark_outcomes_total\{channel="webchat",outcome="[a-z-]+",urgency="\w+"\} [1-9]/,
    );
    expect(text).to.match(
      /waymark_services_signposted_total\{channel="emulator",service="sos-domestic-abuse-projects"\} [1-9]/,
    );
    for (const id of IDS) expect(text).not.to.include(id);
    expect(text).not.to.include('Rosalind');
  });

  it('has no /metrics at all when METRICS_TOKEN is not set', async () => {
    const app = createApp(loadSettings({ PORT: '0' }), { log: () => undefined });
    const address = await app.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`http://127.0.0.1:${address.port}/metrics`);
      expect(response.status).to.equal(404);
    } finally {
      await app.close();
    }
  });
});
