/** The message other tabs of the site get when one of them quick-exits. */
const QUICK_EXIT_MESSAGE = 'waymark:quick-exit';
const CHANNEL_NAME = 'waymark-widget';

/**
 * Tabs that could outlive a quick exit. A page cannot close tabs it did not open, so:
 *
 * - links from the widget (service websites, "Staying safe online", the privacy notice) open
 *   in tabs the widget opens itself, and quick exit closes them;
 * - every other tab of the same site that has the widget is told, with a BroadcastChannel,
 *   and quick-exits too, so no chat stays on screen there.
 *
 * What cannot be done: tabs the person opened themselves on other sites, and tabs of this
 * site whose page has no widget, stay open; the browser's history still lists the pages.
 * The "Staying safe online" page says so.
 */
export class SiteTabs {
  private readonly opened: Window[] = [];
  private readonly channel: BroadcastChannel | undefined;

  constructor(onOtherTabExit: () => void) {
    if (typeof BroadcastChannel === 'function') {
      this.channel = new BroadcastChannel(CHANNEL_NAME);
      this.channel.addEventListener('message', (event: MessageEvent) => {
        if (event.data === QUICK_EXIT_MESSAGE) onOtherTabExit();
      });
    }
  }

  /**
   * Opens `url` in a new tab that the widget can close later. The new page gets no handle
   * back to this one (opener is cut before it loads), as with rel="noopener".
   */
  open(url: string): void {
    const tab = window.open('about:blank', '_blank');
    if (!tab) {
      // A blocked pop-up: go there in this tab rather than do nothing.
      window.location.assign(url);
      return;
    }
    tab.opener = null;
    tab.location.replace(url);
    this.opened.push(tab);
  }

  /** Closes every tab the widget opened, and tells the site's other tabs to leave too. */
  closeAll(): void {
    for (const tab of this.opened.splice(0)) {
      try {
        tab.close();
      } catch {
        // Already closed.
      }
    }
    this.channel?.postMessage(QUICK_EXIT_MESSAGE);
  }
}
