/** What the stream is doing, as the person should be told. */
export type LineState = 'open' | 'closed';

/**
 * A WebSocket class for botframework-directlinejs (its `WebSocket` service) that reports
 * each socket's state, and closes a socket that has gone silent.
 *
 * Direct Line's client only reconnects when its socket closes, and a phone moving between
 * Wi-Fi and mobile data can leave a socket that never closes but carries nothing. The
 * server sends an empty message with every heartbeat, so silence for `silenceMs` means the
 * line is dead: closing it makes the client reconnect, with its watermark.
 */
export function liveSocketClass(
  onState: (state: LineState) => void,
  silenceMs: number,
): { Socket: typeof WebSocket; closeAll(): void } {
  const open = new Set<WebSocket>();
  class LiveSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      let timer: number | undefined;
      const arm = () => {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => this.close(), silenceMs);
      };
      this.addEventListener('open', () => {
        open.add(this);
        arm();
        onState('open');
      });
      this.addEventListener('message', arm);
      this.addEventListener('close', () => {
        window.clearTimeout(timer);
        open.delete(this);
        // An old socket may close after its replacement opened: only the last one counts.
        if (open.size === 0) onState('closed');
      });
    }
  }
  return {
    Socket: LiveSocket,
    // After the network changes, the old socket is probably dead: close it now rather than
    // wait for the silence timer, so the client reconnects at once.
    closeAll: () => {
      for (const socket of open) socket.close();
    },
  };
}
