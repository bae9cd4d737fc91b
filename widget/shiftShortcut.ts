/** Timers, passed in so the shortcut can be tested without a browser or real time. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** What a key event did to the shortcut. */
export type ShiftEvent =
  | { kind: 'progress'; presses: number; remaining: number }
  | { kind: 'exit' }
  | { kind: 'reset'; reason: 'timeout' | 'other-key' }
  | { kind: 'none' };

/** Shift presses that leave the site. */
export const SHIFT_PRESSES_TO_EXIT = 3;
/** How long after a press the next one may come (GOV.UK "Exit this page": 5 s). */
export const SHIFT_WINDOW_MS = 5000;

/**
 * Shift pressed three times leaves the site, with the semantics of GOV.UK Frontend's "Exit
 * this page": the 5 s timer restarts on every Shift press, and any other key resets the
 * count. A Shift press counts on release, and only when no other key was pressed while it
 * was held, so typing capital letters never counts towards an exit.
 */
export class ShiftShortcut {
  private presses = 0;
  private heldAlone = false;
  private timer: unknown;

  constructor(
    private readonly timers: Timers,
    private readonly onChange: (event: ShiftEvent) => void,
  ) {}

  /** How many counted presses so far. */
  get count(): number {
    return this.presses;
  }

  keyDown(key: string, repeat: boolean): ShiftEvent {
    if (key === 'Shift') {
      if (!repeat) this.heldAlone = true;
      return { kind: 'none' };
    }
    this.heldAlone = false;
    if (this.presses === 0) return { kind: 'none' };
    return this.reset('other-key');
  }

  keyUp(key: string): ShiftEvent {
    if (key !== 'Shift' || !this.heldAlone) return { kind: 'none' };
    this.heldAlone = false;
    this.presses += 1;
    this.stopTimer();
    if (this.presses >= SHIFT_PRESSES_TO_EXIT) {
      this.presses = 0;
      return this.emit({ kind: 'exit' });
    }
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.reset('timeout');
    }, SHIFT_WINDOW_MS);
    return this.emit({
      kind: 'progress',
      presses: this.presses,
      remaining: SHIFT_PRESSES_TO_EXIT - this.presses,
    });
  }

  private reset(reason: 'timeout' | 'other-key'): ShiftEvent {
    this.presses = 0;
    this.stopTimer();
    return this.emit({ kind: 'reset', reason });
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private emit(event: ShiftEvent): ShiftEvent {
    this.onChange(event);
    return event;
  }
}
