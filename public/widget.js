/*
 * Waymark chat widget.
 *
 * What a charity pastes into its own pages:
 *
 *   <script src="https://BOT-HOST/widget.js"
 *           data-charity-name="Example Charity"
 *           data-colour="#2f5d62"
 *           async></script>
 *
 * Optional attributes:
 *   data-launcher-text  text on the button that opens the chat (default "Chat with us")
 *   data-open           "true" to open the chat as soon as the page loads
 *
 * It adds three things to the page:
 *   1. an always-visible "Leave this site" quick-exit button, modelled on the behaviour of
 *      the GOV.UK Design System "Exit this page" component;
 *   2. a launcher button;
 *   3. a panel holding the official Bot Framework Web Chat, loaded from the bot host (not
 *      from a CDN) only when the person first opens the chat.
 *
 * Quick exit fires on the button, on pressing Shift three times within five seconds, and
 * when the person sends a message that is one of the bot's exit words. It blanks the page
 * at once, tells the server (with navigator.sendBeacon) to end and forget the conversation,
 * and replaces the location with a neutral site, without waiting for anything.
 *
 * Privacy: the widget keeps the conversation token in memory only. It writes nothing to
 * localStorage, sessionStorage, cookies or IndexedDB, and Web Chat is given no option that
 * would (no conversation resume, no speech, no uploads).
 *
 * Plain ES2019, no build step. Everything lives inside one closure.
 */
/* global fetch, URL, setTimeout, clearTimeout */
(function () {
  'use strict';

  // Filled in by the bot host when it serves this file (see src/web/registerWebPages.ts):
  // the exit words from content/ and the neutral exit URL from settings. The defaults
  // below only apply if the file is served some other way.
  const SERVER = /* WAYMARK_SERVER_CONFIG */ {
    exitWords: ['exit'],
    exitUrl: 'https://www.bbc.co.uk/weather',
  }; /* END_WAYMARK_SERVER_CONFIG */

  // Loading the script twice (for example, by two snippets) must not add two widgets.
  if (window.__waymarkWidgetLoaded) return;
  window.__waymarkWidgetLoaded = true;

  const script =
    document.currentScript ||
    document.querySelector('script[src$="/widget.js"][data-charity-name]');
  const scriptUrl = new URL(script ? script.src : '/widget.js', document.baseURI);
  const botHost = scriptUrl.origin;

  const data = (script && script.dataset) || {};
  const charityName = clean(data.charityName, 80) || 'our charity';
  const launcherText = clean(data.launcherText, 60) || 'Chat with us';
  const brandColour = safeColour(data.colour) || '#2f5d62';
  const exitUrl = safeHttpUrl(SERVER.exitUrl) || 'https://www.bbc.co.uk/weather';
  const exitWords = new Set((SERVER.exitWords || []).map(normaliseMessage).filter(Boolean));

  const SHIFT_PRESSES_TO_EXIT = 3;
  const SHIFT_WINDOW_MS = 5000;
  // If the server ends the conversation this soon after the person sent something, the bot
  // took that message as "exit" (its matching is more forgiving than this file's, for
  // example "exit please"), so the page leaves too.
  const ENDED_AFTER_SEND_MS = 15000;
  // botframework-directlinejs ConnectionStatus.Ended: the poll got 404 (conversation gone).
  const CONNECTION_ENDED = 5;

  // Conversation state: memory only, and dropped on quick exit.
  let token = null;
  let directLine = null;
  let webChatStarted = false;
  let exiting = false;
  let lastSentAt = 0;

  // ---------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------

  /** Trims a data- attribute and caps its length. Text is only ever set with textContent. */
  function clean(value, maxLength) {
    return typeof value === 'string' ? value.trim().slice(0, maxLength) : '';
  }

  /** Accepts #rgb or #rrggbb only, so that nothing else reaches a style. */
  function safeColour(value) {
    const text = clean(value, 7);
    if (/^#[0-9a-f]{6}$/i.test(text)) return text.toLowerCase();
    if (/^#[0-9a-f]{3}$/i.test(text)) {
      return ('#' + text[1] + text[1] + text[2] + text[2] + text[3] + text[3]).toLowerCase();
    }
    return '';
  }

  function safeHttpUrl(value) {
    try {
      const url = new URL(String(value));
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
    } catch {
      return '';
    }
  }

  /**
   * The same normalisation the server applies to its exit list: lower-cased, trimmed,
   * inner spaces collapsed and trailing punctuation removed. "Exit!" and " EXIT. " both
   * become "exit".
   */
  function normaliseMessage(text) {
    return String(text || '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[\s\p{P}]+$/u, '')
      .trim();
  }

  function isExitMessage(text) {
    return typeof text === 'string' && exitWords.has(normaliseMessage(text));
  }

  /** WCAG relative luminance of a #rrggbb colour. */
  function luminance(hex) {
    const channels = [1, 3, 5].map(function (start) {
      const value = parseInt(hex.slice(start, start + 2), 16) / 255;
      return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  function contrast(a, b) {
    const la = luminance(a);
    const lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** White or near-black text, whichever reads better on the charity's colour. */
  function textOn(background) {
    return contrast(background, '#ffffff') >= contrast(background, '#1b1b1b')
      ? '#ffffff'
      : '#1b1b1b';
  }

  /**
   * A version of the charity colour dark enough to use as text or a border on white
   * (at least 4.5:1), so that a pale brand colour never makes links or buttons unreadable.
   */
  function readableOnWhite(hex) {
    let rgb = [1, 3, 5].map(function (start) {
      return parseInt(hex.slice(start, start + 2), 16);
    });
    let colour = hex;
    for (let step = 0; step < 20 && contrast(colour, '#ffffff') < 4.5; step += 1) {
      rgb = rgb.map(function (channel) {
        return Math.round(channel * 0.85);
      });
      colour =
        '#' +
        rgb
          .map(function (channel) {
            return channel.toString(16).padStart(2, '0');
          })
          .join('');
    }
    return colour;
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  // ---------------------------------------------------------------------------------------
  // Styles. Every class starts with "wm-" so that the charity's own styles are untouched.
  // ---------------------------------------------------------------------------------------

  const brandText = textOn(brandColour);
  const brandOnWhite = readableOnWhite(brandColour);

  const css = `
.wm-root, .wm-root * { box-sizing: border-box; }
.wm-root {
  --wm-brand: ${brandColour};
  --wm-brand-text: ${brandText};
  --wm-brand-on-white: ${brandOnWhite};
  --wm-ink: #1b1b1b;
  --wm-exit: #a4161a;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 16px;
  line-height: 1.4;
  color: var(--wm-ink);
}
.wm-visually-hidden {
  position: absolute !important; width: 1px !important; height: 1px !important;
  margin: 0 !important; padding: 0 !important; overflow: hidden !important;
  clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important;
  border: 0 !important; white-space: nowrap !important;
}
.wm-root a:focus-visible, .wm-root button:focus-visible,
.wm-root input:focus-visible, .wm-root textarea:focus-visible {
  outline: 3px solid #ffbf47 !important;
  outline-offset: 0 !important;
  box-shadow: 0 0 0 6px #1b1b1b !important;
}

/* Quick exit: fixed to the top of the viewport, always visible. */
.wm-exit {
  position: fixed; top: 8px; right: 8px; z-index: 2147483646;
  display: inline-flex; flex-direction: column; align-items: center; justify-content: center;
  min-height: 48px; min-width: 48px; padding: 10px 18px;
  background: var(--wm-exit); color: #ffffff; border: 2px solid #ffffff; border-radius: 6px;
  box-shadow: 0 2px 0 #4d0a0c;
  font: 700 17px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  text-decoration: none; cursor: pointer;
}
.wm-exit:hover { background: #7f1013; color: #ffffff; }
.wm-exit-dots { display: flex; gap: 6px; margin-top: 4px; }
.wm-exit-dots[hidden] { display: none; }
.wm-exit-dot { width: 10px; height: 10px; border-radius: 50%; border: 2px solid #ffffff; }
.wm-exit-dot.wm-on { background: #ffffff; }

/* Launcher */
.wm-launcher {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483644;
  min-height: 48px; padding: 12px 20px; border-radius: 24px;
  background: var(--wm-brand); color: var(--wm-brand-text);
  border: 2px solid var(--wm-brand-text);
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
  font: 600 17px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  cursor: pointer;
}
.wm-launcher[hidden] { display: none; }

/* Chat panel */
.wm-panel {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483645;
  width: 400px; max-width: calc(100vw - 32px);
  height: 720px; max-height: calc(100vh - 96px); max-height: calc(100dvh - 96px);
  display: flex; flex-direction: column;
  background: #ffffff; border: 1px solid #6f6f6f; border-radius: 10px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.25); overflow: hidden;
}
.wm-panel[hidden] { display: none; }
.wm-header {
  flex: none; display: flex; align-items: flex-start; gap: 8px;
  padding: 12px 12px 10px 16px; background: var(--wm-brand); color: var(--wm-brand-text);
}
.wm-header-text { flex: 1; min-width: 0; }
.wm-title { margin: 0; font-size: 18px; font-weight: 700; line-height: 1.3; color: inherit; }
.wm-danger { margin: 2px 0 0; font-size: 15px; color: inherit; }
.wm-danger a { color: inherit; font-weight: 700; text-decoration: underline; }
.wm-hide {
  flex: none; min-height: 44px; min-width: 44px; padding: 8px 12px;
  background: transparent; color: inherit; border: 2px solid currentColor; border-radius: 6px;
  font: 600 15px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  cursor: pointer;
}
.wm-chat { flex: 1; min-height: 0; position: relative; background: #ffffff; }
.wm-webchat-host { height: 100%; }
.wm-restart {
  margin: 0 16px; min-height: 44px; padding: 8px 16px; border-radius: 8px;
  background: #ffffff; color: var(--wm-brand-on-white); border: 2px solid var(--wm-brand-on-white);
  font: 600 16px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  cursor: pointer;
}
.wm-status { padding: 16px; margin: 0; font-size: 16px; }
.wm-status a { color: var(--wm-brand-on-white); font-weight: 700; }
.wm-footer {
  flex: none; padding: 8px 16px 10px; border-top: 1px solid #d0d0d0;
  background: #f6f6f4; font-size: 14px; color: var(--wm-ink);
}
.wm-footer p { margin: 0 0 4px; }
.wm-footer a { color: var(--wm-brand-on-white); text-decoration: underline; }
.wm-footer-links { display: flex; flex-wrap: wrap; gap: 4px 16px; }
.wm-footer-links a { display: inline-block; padding: 4px 0; }

/* Buttons on service cards (call, website): calm, full width, easy to tap. */
.wm-root .wm-chat .ac-pushButton {
  min-height: 44px !important; padding: 8px 12px !important;
  background: #ffffff !important; color: var(--wm-brand-on-white) !important;
  border: 2px solid var(--wm-brand-on-white) !important; border-radius: 8px !important;
  font: 600 16px/1.25 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif !important;
  white-space: normal !important; overflow: visible !important;
}
.wm-root .wm-chat .ac-pushButton > div { white-space: normal !important; overflow: visible !important; }
.wm-root .wm-chat .ac-pushButton:hover { background: #f3f3f1 !important; }

/* Quick exit overlay: covers everything at once. */
.wm-exit-overlay {
  position: fixed; inset: 0; z-index: 2147483647; background: #ffffff;
}
html.wm-exiting body > *:not(.wm-exit-overlay) { display: none !important; }

/* Phones: the panel fills the screen below the quick-exit button. */
@media (max-width: 520px) {
  .wm-panel {
    top: 72px; left: 0; right: 0; bottom: 0; width: auto; max-width: none;
    height: auto; max-height: none; border-radius: 10px 10px 0 0; border-bottom: 0;
  }
  .wm-launcher { right: 12px; bottom: 12px; }
}
@media (prefers-reduced-motion: no-preference) {
  .wm-launcher, .wm-exit { transition: background-color 0.15s ease; }
}
`;

  // ---------------------------------------------------------------------------------------
  // Markup
  // ---------------------------------------------------------------------------------------

  // Two roots: the quick exit goes first in the page, so that it is the first thing a
  // keyboard reaches; the chat goes last, after the charity's own content.
  const exitRoot = element('div', { class: 'wm-root', id: 'waymark-quick-exit' });
  const root = element('div', { class: 'wm-root', id: 'waymark-widget' });

  // The quick exit is a link to the neutral site, so it still works if a script error
  // stops the click handler; role=button because it acts like one.
  const exitDots = element('span', { class: 'wm-exit-dots', 'aria-hidden': 'true', hidden: '' }, [
    element('span', { class: 'wm-exit-dot' }),
    element('span', { class: 'wm-exit-dot' }),
    element('span', { class: 'wm-exit-dot' }),
  ]);
  const exitLabel = element('span', { class: 'wm-exit-label' });
  exitLabel.append(
    element('span', { class: 'wm-visually-hidden' }, ['Quick exit: ']),
    'Leave this site',
  );
  const exitButton = element(
    'a',
    {
      class: 'wm-exit',
      href: exitUrl,
      role: 'button',
      rel: 'nofollow noreferrer',
      draggable: 'false',
      'data-waymark': 'quick-exit',
    },
    [exitLabel, exitDots],
  );

  // Screen readers hear how many more Shift presses are needed.
  const announcer = element('div', {
    class: 'wm-visually-hidden',
    role: 'status',
    'aria-live': 'polite',
    'data-waymark': 'announcer',
  });

  const launcher = element(
    'button',
    {
      type: 'button',
      class: 'wm-launcher',
      'aria-expanded': 'false',
      'aria-controls': 'wm-panel',
      'data-waymark': 'launcher',
    },
    [launcherText],
  );

  const title = element('h2', { class: 'wm-title', id: 'wm-title' }, [charityName + ' chat']);
  const danger = element('p', { class: 'wm-danger' }, [
    'In danger now? Call ',
    element('a', { href: 'tel:999' }, ['999']),
    '.',
  ]);
  const hideButton = element(
    'button',
    { type: 'button', class: 'wm-hide', 'data-waymark': 'hide' },
    ['Hide'],
  );
  hideButton.setAttribute('aria-label', 'Hide chat (the conversation stays open)');
  const header = element('div', { class: 'wm-header' }, [
    element('div', { class: 'wm-header-text' }, [title, danger]),
    hideButton,
  ]);

  const chat = element('div', { class: 'wm-chat', 'data-waymark': 'chat' });
  const status = element('p', { class: 'wm-status', role: 'status' }, ['Starting the chat…']);
  chat.append(status);

  function newTabLink(href, text) {
    const link = element('a', { href: href, target: '_blank', rel: 'noopener noreferrer' }, [text]);
    link.append(element('span', { class: 'wm-visually-hidden' }, [' (opens in a new tab)']));
    return link;
  }

  const footer = element('div', { class: 'wm-footer' }, [
    element('p', {}, ['Leave fast: press Shift 3 times, or type "exit".']),
    element('div', { class: 'wm-footer-links' }, [
      newTabLink(botHost + '/staying-safe-online', 'Staying safe online'),
      newTabLink(botHost + '/privacy', 'Privacy'),
    ]),
  ]);

  const panel = element(
    'section',
    {
      class: 'wm-panel',
      id: 'wm-panel',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'wm-title',
      hidden: '',
      'data-waymark': 'panel',
    },
    [header, chat, footer],
  );

  exitRoot.append(exitButton, announcer);
  root.append(launcher, panel);

  // ---------------------------------------------------------------------------------------
  // Quick exit
  // ---------------------------------------------------------------------------------------

  /** Ends the conversation on the server without waiting; a beacon survives navigation. */
  function endConversationOnServer() {
    if (!token) return;
    const endUrl = botHost + '/api/webchat/end';
    let sent;
    try {
      // A string body is sent as text/plain, which needs no CORS preflight.
      sent = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(endUrl, token);
    } catch {
      sent = false;
    }
    if (!sent) {
      try {
        fetch(endUrl, {
          method: 'POST',
          body: token,
          headers: { 'Content-Type': 'text/plain' },
          keepalive: true,
          mode: 'no-cors',
          credentials: 'omit',
        }).catch(function () {});
      } catch {
        // Nothing more can be done; the conversation still expires on the server.
      }
    }
  }

  function quickExit() {
    if (exiting) return;
    exiting = true;

    // 1. Blank the page at once.
    const overlay = element('div', { class: 'wm-exit-overlay', 'data-waymark': 'exit-overlay' });
    document.body.append(overlay);
    document.documentElement.classList.add('wm-exiting');
    document.title = 'Loading';

    // 2. Forget the conversation, here and on the server.
    endConversationOnServer();
    token = null;
    try {
      if (directLine) directLine.end();
    } catch {
      // Ignore: the page is going away.
    }
    directLine = null;
    // Remove the transcript from the page, so that going Back cannot show it again.
    chat.replaceChildren();

    // 3. Go to the neutral site, replacing this page in the history.
    window.location.replace(exitUrl);
  }

  exitButton.addEventListener('click', function (event) {
    event.preventDefault();
    quickExit();
  });
  // A link with role=button should also respond to the Space bar.
  exitButton.addEventListener('keydown', function (event) {
    if (event.key === ' ' || event.key === 'Spacebar') {
      event.preventDefault();
      quickExit();
    }
  });

  // Shift three times within five seconds. A Shift press only counts when no other key was
  // pressed while it was held, so typing capital letters never counts towards an exit.
  let shiftPresses = 0;
  let shiftTimer = null;
  let shiftHeldAlone = false;

  function showShiftProgress() {
    const dots = exitDots.querySelectorAll('.wm-exit-dot');
    exitDots.hidden = shiftPresses === 0;
    dots.forEach(function (dot, index) {
      dot.classList.toggle('wm-on', index < shiftPresses);
    });
  }

  function resetShift(announce) {
    shiftPresses = 0;
    clearTimeout(shiftTimer);
    shiftTimer = null;
    showShiftProgress();
    if (announce) announcer.textContent = 'Quick exit shortcut timed out.';
  }

  document.addEventListener(
    'keydown',
    function (event) {
      if (event.key === 'Shift') {
        if (!event.repeat) shiftHeldAlone = true;
      } else {
        shiftHeldAlone = false;
      }
    },
    true,
  );

  document.addEventListener(
    'keyup',
    function (event) {
      if (event.key !== 'Shift' || !shiftHeldAlone) return;
      shiftHeldAlone = false;
      shiftPresses += 1;
      if (shiftPresses >= SHIFT_PRESSES_TO_EXIT) {
        announcer.textContent = 'Leaving this site.';
        quickExit();
        return;
      }
      const remaining = SHIFT_PRESSES_TO_EXIT - shiftPresses;
      announcer.textContent =
        'Press Shift ' +
        remaining +
        (remaining === 1 ? ' more time' : ' more times') +
        ' to leave this site.';
      showShiftProgress();
      if (!shiftTimer) {
        shiftTimer = setTimeout(function () {
          resetShift(true);
        }, SHIFT_WINDOW_MS);
      }
    },
    true,
  );

  // If the browser restores this page from its back/forward cache after an exit, start
  // again from a clean load rather than show a blank or half-torn-down page.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && exiting) window.location.reload();
  });

  // ---------------------------------------------------------------------------------------
  // Opening and closing the panel
  // ---------------------------------------------------------------------------------------

  function openPanel() {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    startChat().then(focusSendBox, function () {});
    if (webChatStarted) focusSendBox();
  }

  function closePanel() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  launcher.addEventListener('click', openPanel);
  hideButton.addEventListener('click', closePanel);

  function sendBoxInput() {
    return chat.querySelector('[data-id="webchat-sendbox-input"]');
  }

  function focusSendBox() {
    const input = sendBoxInput();
    if (input && !panel.hidden) input.focus();
  }

  // ---------------------------------------------------------------------------------------
  // Web Chat
  // ---------------------------------------------------------------------------------------

  let webChatScript = null;

  /** Loads the Web Chat bundle from the bot host, once. */
  function loadWebChat() {
    if (window.WebChat && window.WebChat.renderWebChat) return Promise.resolve(window.WebChat);
    if (!webChatScript) {
      webChatScript = new Promise(function (resolve, reject) {
        const tag = element('script', { src: botHost + '/webchat/webchat.js', async: '' });
        tag.addEventListener('load', function () {
          if (window.WebChat) resolve(window.WebChat);
          else reject(new Error('Web Chat did not load'));
        });
        tag.addEventListener('error', function () {
          reject(new Error('Web Chat did not load'));
        });
        document.head.append(tag);
      });
    }
    return webChatScript;
  }

  /** Asks the bot host for a Direct Line token; the secret never reaches the browser. */
  function fetchToken() {
    return fetch(botHost + '/api/webchat/token', {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
    }).then(function (response) {
      if (!response.ok) throw new Error('token request failed: ' + response.status);
      return response.json();
    });
  }

  function webChatStyleOptions() {
    return {
      accent: brandOnWhite,
      backgroundColor: '#ffffff',
      subtle: '#595959',
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
      fontSizeSmall: '85%',
      paddingRegular: 10,

      // Calm bubbles: soft grey for the bot, a light tint for the person.
      bubbleBackground: '#f3f3f1',
      bubbleBorderColor: '#d6d6d2',
      bubbleBorderRadius: 10,
      bubbleBorderWidth: 1,
      bubbleTextColor: '#1b1b1b',
      bubbleFromUserBackground: '#ffffff',
      bubbleFromUserBorderColor: brandOnWhite,
      bubbleFromUserBorderRadius: 10,
      bubbleFromUserBorderWidth: 2,
      bubbleFromUserTextColor: '#1b1b1b',
      bubbleMaxWidth: 560,
      bubbleMinHeight: 40,
      messageActivityWordBreak: 'break-word',
      markdownRespectCRLF: true,
      markdownRenderHTML: false,

      // No avatars: the initials only add noise.
      botAvatarInitials: undefined,
      userAvatarInitials: undefined,

      // Choices: calm, full-width, wrapped buttons that are easy to tap.
      suggestedActionLayout: 'stacked',
      suggestedActionsStackedLayoutButtonTextWrap: true,
      suggestedActionsStackedHeight: 'auto',
      suggestedActionsStackedOverflow: 'visible',
      suggestedActionHeight: 44,
      suggestedActionBorderRadius: 8,
      suggestedActionBackgroundColor: '#ffffff',
      suggestedActionBorderColor: brandOnWhite,
      suggestedActionBorderWidth: 2,
      suggestedActionTextColor: brandOnWhite,
      suggestedActionBackgroundColorOnHover: '#f3f3f1',
      suggestedActionBackgroundColorOnFocus: '#ffffff',
      suggestedActionKeyboardFocusIndicatorBorderColor: '#1b1b1b',
      suggestedActionKeyboardFocusIndicatorBorderWidth: 3,
      suggestedActionKeyboardFocusIndicatorBorderRadius: 6,

      // The send box: plain text only.
      hideUploadButton: true,
      hideTelephoneKeypadButton: true,
      sendBoxTextWrap: true,
      sendBoxBorderTop: 'solid 1px #6f6f6f',
      sendBoxPlaceholderColor: '#595959',
      sendBoxButtonColor: brandOnWhite,
      sendBoxButtonKeyboardFocusIndicatorBorderColor: '#1b1b1b',
      sendBoxButtonKeyboardFocusIndicatorBorderWidth: 3,

      timestampColor: '#595959',
      groupTimestamp: 300000,
      transcriptVisualKeyboardIndicatorColor: '#1b1b1b',
      transcriptVisualKeyboardIndicatorWidth: 3,
      transcriptActivityVisualKeyboardIndicatorColor: '#1b1b1b',
      transcriptActivityVisualKeyboardIndicatorWidth: 3,
      scrollToEndButtonBehavior: 'unread',
      hideToaster: false,
    };
  }

  /** Hero card buttons (call and website) get the same calm look as choices. */
  function adaptiveCardsHostConfig() {
    return {
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
      fontSizes: { small: 14, default: 16, medium: 17, large: 20, extraLarge: 22 },
      containerStyles: {
        default: {
          backgroundColor: '#ffffff',
          foregroundColors: {
            default: { default: '#1b1b1b', subtle: '#595959' },
            accent: { default: brandOnWhite, subtle: brandOnWhite },
            attention: { default: '#a4161a', subtle: '#a4161a' },
            good: { default: '#1d6b2f', subtle: '#1d6b2f' },
            warning: { default: '#7a4a00', subtle: '#7a4a00' },
          },
        },
      },
      actions: {
        actionsOrientation: 'vertical',
        actionAlignment: 'stretch',
        buttonSpacing: 8,
        maxActions: 6,
        showCard: { actionMode: 'inline' },
        spacing: 'default',
      },
    };
  }

  /**
   * Watches the conversation through Web Chat's store:
   * - a message that is an exit word fires the quick exit (and is never posted);
   * - the bot's own exit reply fires it too, where a channel delivers it (the self-hosted
   *   channel deletes the conversation instead: see onConnectionEnded);
   * - it notes when the person last sent something.
   */
  function createStore(WebChat) {
    return WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (exiting) return undefined;
          const payload = action && action.payload;
          if (action.type === 'WEB_CHAT/SEND_MESSAGE' && payload && isExitMessage(payload.text)) {
            quickExit();
            return undefined;
          }
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && payload && payload.activity) {
            const activity = payload.activity;
            if (activity.type === 'message' && isExitMessage(activity.text)) {
              quickExit();
              return undefined;
            }
            lastSentAt = Date.now();
          }
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && payload && payload.activity) {
            const incoming = payload.activity;
            const signpost = incoming.channelData && incoming.channelData.signpost;
            const fromBot = incoming.from && incoming.from.role === 'bot';
            if (fromBot && signpost && signpost.step === 'exit') {
              quickExit();
              return undefined;
            }
          }
          return next(action);
        };
      };
    });
  }

  /** The send box should not be remembered by the browser's form history. */
  function hardenSendBox() {
    const input = sendBoxInput();
    if (!input) return false;
    input.setAttribute('autocomplete', 'off');
    return true;
  }

  let startPromise = null;

  /**
   * The server ended the conversation. Right after the person sent something, that was the
   * bot's exit: leave the page. Otherwise (it expired, or the server restarted) say so
   * calmly, with 999, and offer a new chat.
   */
  function onConnectionEnded() {
    if (exiting) return;
    if (Date.now() - lastSentAt < ENDED_AFTER_SEND_MS) {
      quickExit();
      return;
    }
    token = null;
    try {
      if (directLine) directLine.end();
    } catch {
      // Already ended.
    }
    directLine = null;
    webChatStarted = false;
    startPromise = null;
    const restart = element('button', { type: 'button', class: 'wm-restart' }, [
      'Start a new chat',
    ]);
    restart.addEventListener('click', function () {
      status.textContent = 'Starting the chat…';
      chat.replaceChildren(status);
      startChat().then(focusSendBox, function () {});
    });
    status.replaceChildren(
      'This chat has ended, and it has been deleted. If you are in danger, call ',
      element('a', { href: 'tel:999' }, ['999']),
      '.',
    );
    chat.replaceChildren(status, restart);
    if (!panel.hidden) restart.focus();
  }

  function startChat() {
    if (!startPromise) {
      startPromise = Promise.all([loadWebChat(), fetchToken()])
        .then(function (results) {
          if (exiting) throw new Error('exiting');
          const WebChat = results[0];
          const issued = results[1];
          token = issued.token;
          const domain = new URL(issued.domain || '/v3/directline', botHost).href.replace(
            /\/$/,
            '',
          );
          directLine = WebChat.createDirectLine({
            token: issued.token,
            domain: domain,
            // Polling works with the self-hosted channel; Azure can use its WebSocket.
            webSocket: issued.mode === 'azure',
          });
          directLine.connectionStatus$.subscribe(function (connectionStatus) {
            if (connectionStatus === CONNECTION_ENDED) onConnectionEnded();
          });
          // A fresh element for each chat, so a new chat never reuses an old one's DOM.
          const host = element('div', { class: 'wm-webchat-host' });
          chat.replaceChildren(host);
          WebChat.renderWebChat(
            {
              directLine: directLine,
              store: createStore(WebChat),
              styleOptions: webChatStyleOptions(),
              adaptiveCardsHostConfig: adaptiveCardsHostConfig(),
              locale: 'en-GB',
              sendTypingIndicator: false,
              overrideLocalizedStrings: {
                TEXT_INPUT_PLACEHOLDER: 'Type your message',
              },
            },
            host,
          );
          webChatStarted = true;
          return waitFor(hardenSendBox);
        })
        .catch(function (error) {
          if (exiting) return;
          // Fail safe: the person still sees 999 even when the chat cannot start.
          startPromise = null;
          chat.replaceChildren(status);
          status.replaceChildren(
            'Sorry, the chat cannot start right now. If you are in danger, call ',
            element('a', { href: 'tel:999' }, ['999']),
            '. You can try again later.',
          );
          throw error;
        });
    }
    return startPromise;
  }

  /** Resolves once check() returns true (checked on each animation frame, for up to 10 s). */
  function waitFor(check) {
    return new Promise(function (resolve) {
      const started = Date.now();
      (function poll() {
        if (check() || Date.now() - started > 10000) resolve();
        else window.requestAnimationFrame(poll);
      })();
    });
  }

  // ---------------------------------------------------------------------------------------
  // Mount
  // ---------------------------------------------------------------------------------------

  function mount() {
    const style = element('style', { 'data-waymark': 'styles' }, [css]);
    document.head.append(style);
    document.body.prepend(exitRoot);
    document.body.append(root);
    if (data.open === 'true') openPanel();
  }

  // Exposed for the charity's own page (for example, its own "leave this site" link) and
  // for tests. It holds no conversation data.
  window.Waymark = Object.freeze({
    open: openPanel,
    close: closePanel,
    quickExit: quickExit,
  });

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
