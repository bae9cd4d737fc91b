import { expect } from 'chai';
import { createLog, type LogFields } from '../../src/observability/log.js';
import { LOG_EVENTS, type LogEvent } from '../../src/observability/logEvents.js';
import { activityTypeName, channelName, safeName } from '../../src/observability/logFields.js';

describe('the logger (pino behind a typed port)', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, log: createLog((line) => void lines.push(line)) };
  };

  it('writes one JSON line per event, with its fields', () => {
    const { lines, log } = capture();
    log('turn', { channel: 'webchat', steps: [safeName('greeting')], urgency: 'routine' });
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).to.include({ event: 'turn', channel: 'webchat', urgency: 'routine' });
    expect(line.steps).to.deep.equal(['greeting']);
  });

  it('takes no message text by type', () => {
    const { log } = capture();
    // @ts-expect-error -- there is no free-text field, so a message cannot be logged.
    log('turn', { text: 'he hit me' });
    // @ts-expect-error -- a step must be a SafeName, made by safeName(), not any string.
    log('turn', { steps: ['he hit me'] });
    // @ts-expect-error -- events come from a closed list.
    log('my-own-event');
  });

  it('removes message-like keys even if a cast slips one past the types (second guard)', () => {
    const { lines, log } = capture();
    log('turn', { text: 'he hit me', value: { phone: '07700 900123' } } as unknown as LogFields);
    expect(lines.join('')).not.to.include('he hit me').and.not.to.include('07700');
    expect(JSON.parse(lines[0] ?? '{}')).to.include({ event: 'turn' });
  });

  it('turns anything that is not a short name into "invalid", and unknown channels into "other"', () => {
    expect(safeName('not-safe-to-chat')).to.equal('not-safe-to-chat');
    expect(safeName('he is outside now')).to.equal('invalid');
    // A content version is a hex hash, which may start with a digit.
    expect(safeName('65b07d981bc9')).to.equal('65b07d981bc9');
    // ...but digits alone could be a phone number.
    expect(safeName('077009001234')).to.equal('invalid');
    expect(safeName('07700900123')).to.equal('invalid');
    expect(channelName('msteams')).to.equal('msteams');
    expect(channelName('my words here')).to.equal('other');
  });

  it('logs an event name slipped past the types by a cast as "unknown-event"', () => {
    const { lines, log } = capture();
    log('he hit me' as LogEvent);
    expect(lines.join('')).not.to.include('he hit me');
    expect(JSON.parse(lines[0] ?? '{}')).to.include({ event: 'unknown-event', level: 'warn' });
  });

  it('names every event one way: kebab-case, each once', () => {
    for (const event of LOG_EVENTS) expect(event).to.match(/^[a-z]+(?:-[a-z0-9]+)*$/);
    expect(new Set(LOG_EVENTS).size).to.equal(LOG_EVENTS.length);
  });

  it('logs activity types from a closed list', () => {
    expect(activityTypeName('invoke')).to.equal('invoke');
    expect(activityTypeName('call me on 07700 900123')).to.equal('other');
    expect(activityTypeName(undefined)).to.equal('other');
  });
});
