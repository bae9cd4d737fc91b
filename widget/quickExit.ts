/** The steps of a quick exit, each done by the page (see index.ts). */
export interface ExitSteps {
  /** Covers the page at once and hides everything on it. */
  blank(): void;
  /** Tells the server to end and forget the conversation, without waiting. */
  endConversation(): void;
  /** Ends the chat in the site's other tabs, and closes the tabs the widget opened. */
  closeOtherTabs(): void;
  /** Drops the token and Web Chat, and removes the transcript from the page. */
  forget(): void;
  /** Replaces this page in the history with the neutral site. */
  navigate(url: string): void;
}

/**
 * Quick exit: blank, end on the server, end other tabs, forget, then leave. It runs once,
 * synchronously, and never waits on the network. A step that throws never stops the steps
 * after it: above all, the page still leaves.
 */
export class QuickExit {
  private started = false;

  constructor(
    private readonly steps: ExitSteps,
    private readonly exitUrl: string,
  ) {}

  /** True once an exit has begun (the page is going away). */
  get exiting(): boolean {
    return this.started;
  }

  exit(): void {
    if (this.started) return;
    this.started = true;
    const order: (() => void)[] = [
      () => this.steps.blank(),
      () => this.steps.endConversation(),
      () => this.steps.closeOtherTabs(),
      () => this.steps.forget(),
    ];
    for (const step of order) {
      try {
        step();
      } catch {
        // Carry on: leaving matters more than any one step.
      }
    }
    this.steps.navigate(this.exitUrl);
  }
}
