/*
 * Waymark chat widget: what a charity pastes into its own pages.
 *
 *   <script src="https://BOT-HOST/widget.js"
 *           data-charity-name="Example Charity"
 *           data-colour="#2f5d62"
 *           async></script>
 *
 * Optional attributes: data-launcher-text (the launcher's text, default "Chat with us") and
 * data-open="true" (open the chat as soon as the page loads).
 *
 * It adds an always-visible "Leave this site" quick exit (modelled on GOV.UK's "Exit this
 * page"), a launcher, and a panel holding the official Bot Framework Web Chat, loaded from
 * the bot host only when the person first opens the chat. Built by widget/build.ts into
 * public/widget.js; everything lives inside one closure.
 */
import { ChatSession } from './chatSession.js';
import { ConnectionNotice } from './connectionNotice.js';
import { element } from './dom.js';
import { ExitWords } from './exitWords.js';
import { buildMarkup } from './markup.js';
import { QuickExit } from './quickExit.js';
import { readSettings, type ServerConfig } from './settings.js';
import { SiteTabs } from './siteTabs.js';
import { ShiftShortcut, type ShiftEvent } from './shiftShortcut.js';
import { widgetCss } from './styles.js';
import { followVisualViewport } from './viewport.js';

/** Filled in by the build (from content/) and again by the bot host when it serves the file. */
declare const WAYMARK_SERVER: ServerConfig;

function main(): void {
  // Loading the script twice (for example, by two snippets) must not add two widgets.
  if (window.__waymarkWidgetLoaded) return;
  window.__waymarkWidgetLoaded = true;

  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src$="/widget.js"][data-charity-name]');
  const settings = readSettings(script, WAYMARK_SERVER, document.baseURI);
  const exitWords = new ExitWords(settings.exitWords);
  const markup = buildMarkup(settings);
  const { exitButton, exitDots, announcer, launcher, panel, hideButton } = markup;

  const quickExit = new QuickExit(
    {
      blank() {
        // As GOV.UK's: the overlay tells screen readers something is happening.
        document.body.append(
          element('div', { class: 'wm-exit-overlay', 'data-waymark': 'exit-overlay' }, [
            element('p', { class: 'wm-visually-hidden', role: 'alert' }, ['Loading.']),
          ]),
        );
        document.documentElement.classList.add('wm-exiting');
        document.title = 'Loading';
      },
      endConversation: () => session.endAndForget(),
      closeOtherTabs: () => tabs.closeAll(),
      forget: () => session.forget(),
      navigate: (url) => window.location.replace(url),
    },
    settings.exitUrl,
  );
  const leave = () => quickExit.exit();
  // Another tab of this site left: this one leaves too, so no chat stays on screen.
  const tabs = new SiteTabs(leave);
  const connection = new ConnectionNotice();
  markup.chat.after(connection.element);
  const session = new ChatSession(
    settings,
    markup,
    exitWords,
    leave,
    () => quickExit.exiting,
    connection,
    tabs,
  );

  // Links in the panel (the footer's, and any in a bot message) open in tabs the widget can
  // close on quick exit; tel: links dial from this tab.
  markup.panel.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || event.defaultPrevented) return;
    const href = link.href;
    if (/^https?:/i.test(href) && link.target === '_blank') {
      event.preventDefault();
      tabs.open(href);
    }
  });

  exitButton.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  // A link with role=button should also respond to the Space bar.
  exitButton.addEventListener('keydown', (event) => {
    if (event.key === ' ' || event.key === 'Spacebar') {
      event.preventDefault();
      leave();
    }
  });

  const showShiftProgress = (presses: number) => {
    exitDots.hidden = presses === 0;
    exitDots.querySelectorAll('.wm-exit-dot').forEach((dot, index) => {
      dot.classList.toggle('wm-on', index < presses);
    });
  };
  const onShift = (event: ShiftEvent) => {
    if (event.kind === 'exit') {
      announcer.textContent = 'Leaving this site.';
      leave();
    } else if (event.kind === 'progress') {
      const times = event.remaining === 1 ? 'more time' : 'more times';
      announcer.textContent = `Press Shift ${event.remaining} ${times} to leave this site.`;
      showShiftProgress(event.presses);
    } else if (event.kind === 'reset') {
      showShiftProgress(0);
      if (event.reason === 'timeout') announcer.textContent = 'Quick exit shortcut timed out.';
    }
  };
  const shift = new ShiftShortcut(
    {
      set: (callback, ms) => window.setTimeout(callback, ms),
      clear: (h) => clearTimeout(h as number),
    },
    onShift,
  );
  document.addEventListener('keydown', (event) => shift.keyDown(event.key, event.repeat), true);
  document.addEventListener('keyup', (event) => shift.keyUp(event.key), true);

  // If the browser restores this page from its back/forward cache after an exit, start
  // again from a clean load rather than show a blank or half-torn-down page.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && quickExit.exiting) window.location.reload();
  });
  // Closing, reloading or leaving the page ends the chat at once (see endBecausePageHides).
  window.addEventListener('pagehide', () => {
    if (!quickExit.exiting) session.endBecausePageHides();
  });

  const openPanel = () => {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    session.start().then(
      () => session.focusSendBox(),
      () => undefined,
    );
    if (session.started) session.focusSendBox();
  };
  const closePanel = () => {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  };
  launcher.addEventListener('click', openPanel);
  hideButton.addEventListener('click', closePanel);
  markup.endButton.addEventListener('click', () => session.endByPerson());

  const mount = () => {
    document.head.append(element('style', { 'data-waymark': 'styles' }, [widgetCss(settings)]));
    document.body.prepend(markup.exitRoot);
    document.body.append(markup.root);
    followVisualViewport([markup.exitRoot, markup.root], () => session.relayout());
    if (settings.openAtStart) openPanel();
  };

  // For the charity's own page (for example, its own "leave this site" link) and for tests.
  // It holds no conversation data.
  window.Waymark = Object.freeze({ open: openPanel, close: closePanel, quickExit: leave });

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}

main();
