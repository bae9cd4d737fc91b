import { expect } from 'chai';
import { britishTimestamps, formatBritish, formatClock } from '../../widget/timestamps.js';

interface Element {
  $$typeof: symbol;
  props: { className: string; children: unknown; 'aria-hidden'?: string };
}

/** Every text inside an element built by the middleware, in order. */
function texts(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object' && 'props' in node)
    return texts((node as Element).props.children);
  return [];
}

describe('widget: message times in British English', () => {
  const marker = Symbol.for('react.element');
  const webChatOwn = { $$typeof: marker, props: { className: 'web-chat', children: 'US' } };
  const render = britishTimestamps()()(() => webChatOwn);
  const at = Date.UTC(2026, 11, 2, 14, 5);

  it('formats day before month, on the 24-hour clock', () => {
    expect(formatBritish(at)).to.match(/^2 December at \d{2}:05$/);
    expect(formatClock(at)).to.match(/^\d{2}:05$/);
    expect(formatBritish(at)).to.not.match(/AM|PM/);
  });

  it('shows the clock time and reads out the day and time, as a React element', () => {
    const status = render({
      activity: { timestamp: new Date(at).toISOString() },
      hideTimestamp: false,
      sendState: 'sent',
    }) as Element;
    expect(status.$$typeof, "with Web Chat's element marker").to.equal(marker);
    expect(status.props.className).to.equal('wm-timestamp');
    expect(texts(status)).to.deep.equal([formatClock(at), `Sent ${formatBritish(at)}`]);
  });

  it('reads out the time of a message whose time is not shown', () => {
    const status = render({
      activity: { timestamp: new Date(at).toISOString() },
      hideTimestamp: true,
      sendState: 'sent',
    }) as Element;
    expect(status.props.className).to.equal('wm-visually-hidden');
    expect(texts(status)).to.deep.equal([`Sent ${formatBritish(at)}`]);
  });

  it("leaves a message still sending, or failed, to Web Chat's own status (with Retry)", () => {
    for (const sendState of ['sending', 'send failed']) {
      const status = render({
        activity: { timestamp: new Date(at).toISOString() },
        hideTimestamp: false,
        sendState,
      });
      expect(status).to.equal(webChatOwn);
    }
  });
});
