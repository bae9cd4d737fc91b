import { expect } from 'chai';
import {
  SHIFT_WINDOW_MS,
  ShiftShortcut,
  type ShiftEvent,
  type Timers,
} from '../../widget/shiftShortcut.js';

/** Timers driven by hand: `advance(ms)` runs whatever would have fired. */
class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  set(callback: () => void, ms: number): unknown {
    const handle = this.next++;
    this.pending.set(handle, { at: this.now + ms, callback });
    return handle;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [handle, timer] of [...this.pending]) {
      if (timer.at <= this.now) {
        this.pending.delete(handle);
        timer.callback();
      }
    }
  }
}

function setUp() {
  const timers = new FakeTimers();
  const events: ShiftEvent[] = [];
  const shortcut = new ShiftShortcut(timers, (event) => events.push(event));
  const press = (key = 'Shift') => {
    shortcut.keyDown(key, false);
    shortcut.keyUp(key);
  };
  const exits = () => events.filter((event) => event.kind === 'exit').length;
  return { timers, events, shortcut, press, exits };
}

describe('widget: Shift three times (GOV.UK "Exit this page" semantics)', () => {
  it('leaves on the third Shift press', () => {
    const { press, exits, events } = setUp();
    press();
    press();
    expect(exits()).to.equal(0);
    expect(events[1]).to.deep.equal({ kind: 'progress', presses: 2, remaining: 1 });
    press();
    expect(exits()).to.equal(1);
  });

  it('restarts the 5 s timer on each press, so slow but steady presses still leave', () => {
    const { press, exits, timers } = setUp();
    press();
    timers.advance(SHIFT_WINDOW_MS - 1000);
    press();
    timers.advance(SHIFT_WINDOW_MS - 1000);
    press();
    expect(exits()).to.equal(1);
  });

  it('resets when 5 s pass after a press, and says so', () => {
    const { press, exits, timers, events, shortcut } = setUp();
    press();
    press();
    timers.advance(SHIFT_WINDOW_MS);
    expect(events.at(-1)).to.deep.equal({ kind: 'reset', reason: 'timeout' });
    expect(shortcut.count).to.equal(0);
    press();
    expect(exits()).to.equal(0);
  });

  it('resets when any other key is pressed between Shift presses', () => {
    const { press, exits, events } = setUp();
    press();
    press();
    press('a');
    expect(events.at(-1)).to.deep.equal({ kind: 'reset', reason: 'other-key' });
    press();
    expect(exits()).to.equal(0);
  });

  it('never counts Shift held for capital letters', () => {
    const { shortcut, exits } = setUp();
    for (const letter of ['H', 'I', 'T']) {
      shortcut.keyDown('Shift', false);
      shortcut.keyDown(letter, false);
      shortcut.keyUp(letter);
      shortcut.keyUp('Shift');
    }
    expect(shortcut.count).to.equal(0);
    expect(exits()).to.equal(0);
  });

  it('counts a held Shift (auto-repeat) once', () => {
    const { shortcut } = setUp();
    shortcut.keyDown('Shift', false);
    shortcut.keyDown('Shift', true);
    shortcut.keyDown('Shift', true);
    shortcut.keyUp('Shift');
    expect(shortcut.count).to.equal(1);
  });
});
