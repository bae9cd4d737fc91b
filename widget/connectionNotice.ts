import { call999Link, element } from './dom.js';

/** What the notice says: nothing while connected. */
export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

/**
 * An honest connection status above the send box: Web Chat's own status says "Connected"
 * while its WebSocket reconnects, so the widget says plainly when it is offline or
 * reconnecting, that replies will come when it is back, and that 999 works meanwhile.
 * A polite live region, so screen readers hear each change once.
 */
export class ConnectionNotice {
  readonly element = element('p', {
    class: 'wm-connection',
    role: 'status',
    'data-waymark': 'connection',
  });
  private state: ConnectionState = 'connected';
  private hideTimer: number | undefined;

  get current(): ConnectionState {
    return this.state;
  }

  /** No line to speak of (the chat ended): clears the notice without "Connected again". */
  clear(): void {
    this.state = 'connected';
    window.clearTimeout(this.hideTimer);
    this.element.dataset.state = 'connected';
    this.element.replaceChildren();
  }

  set(state: ConnectionState): void {
    if (state === this.state) return;
    const was = this.state;
    this.state = state;
    window.clearTimeout(this.hideTimer);
    const node = this.element;
    node.dataset.state = state;
    if (state === 'offline') {
      node.replaceChildren(
        'You are offline, so messages cannot send until you are back online. In danger? Call ',
        call999Link(),
        '.',
      );
    } else if (state === 'reconnecting') {
      node.replaceChildren(
        'Reconnecting… Replies will appear when the connection is back. In danger? Call ',
        call999Link(),
        '.',
      );
    } else if (was !== 'connected') {
      node.replaceChildren('Connected again.');
      this.hideTimer = window.setTimeout(() => node.replaceChildren(), 4000);
    }
  }
}
