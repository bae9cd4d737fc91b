/** What Web Chat's activityStatusMiddleware is given for each activity (4.18). */
export interface ActivityStatusArgs {
  activity: { timestamp?: string };
  hideTimestamp?: boolean;
  sendState?: string;
}
export type ActivityStatusRenderer = (args: ActivityStatusArgs) => unknown;
export type ActivityStatusMiddleware = () => (
  next: ActivityStatusRenderer,
) => ActivityStatusRenderer;

/** "2 December at 14:05": day before month, and the 24-hour clock. */
const BRITISH = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const CLOCK = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The time of `when` (ms since the epoch) in the browser's time zone, British style. */
export function formatBritish(when: number): string {
  return BRITISH.format(when);
}

/** Just the 24-hour clock time of `when`: "14:05". */
export function formatClock(when: number): string {
  return CLOCK.format(when);
}

/**
 * Timestamps in British English, for screen readers too. Web Chat formats its "Sent at …"
 * text with its own date data, which it has for en-US but not en-GB, so `locale: 'en-GB'`
 * still read "Sent at December 2 at 1:32 AM". The time is shown as plain text, read the same
 * way by everyone; a message still sending, or failed, keeps Web Chat's own status (Retry).
 */
export function britishTimestamps(): ActivityStatusMiddleware {
  return () => (next) => (args) => {
    const when = Date.parse(args.activity.timestamp ?? '');
    const sent = args.sendState === undefined || args.sendState === 'sent';
    const own = next(args);
    if (!sent || Number.isNaN(when)) return own;
    // Web Chat shows one time per group of messages, but reads every message's time out:
    // the clock time on screen, the day and time to screen readers.
    const spoken = spanLike(own, 'wm-visually-hidden', `Sent ${formatBritish(when)}`, 'said');
    if (args.hideTimestamp) return spoken;
    const shown = spanLike(own, '', formatClock(when), 'shown', true);
    return spanLike(own, 'wm-timestamp', [shown, spoken]);
  };
}

/**
 * A React element for `<span class="…">children</span>`. Web Chat brings its own
 * React and does not expose createElement, and it renders only elements here (a string is
 * taken for a render function and shows nothing), so the element is built as React builds
 * one, with the element marker of the element Web Chat itself returned.
 */
function spanLike(
  own: unknown,
  className: string,
  children: unknown,
  key: string | null = null,
  ariaHidden = false,
): unknown {
  const marker =
    own && typeof own === 'object' && '$$typeof' in own
      ? (own as { $$typeof: unknown }).$$typeof
      : Symbol.for('react.element');
  return {
    $$typeof: marker,
    type: 'span',
    key,
    ref: null,
    props: { className, children, ...(ariaHidden ? { 'aria-hidden': 'true' } : {}) },
    _owner: null,
    _store: {},
  };
}
