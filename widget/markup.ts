import { call999Link, element } from './dom.js';
import type { WidgetSettings } from './settings.js';

/** Every element of the widget that other modules touch. */
export interface WidgetMarkup {
  /** Goes first in the page, so the quick exit is the first thing a keyboard reaches. */
  exitRoot: HTMLElement;
  /** Goes last, after the charity's own content. */
  root: HTMLElement;
  exitButton: HTMLAnchorElement;
  exitDots: HTMLElement;
  announcer: HTMLElement;
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  hideButton: HTMLButtonElement;
  endButton: HTMLButtonElement;
  chat: HTMLElement;
  status: HTMLElement;
  /** A short notice above the chat (after a reload), hidden otherwise. */
  note: HTMLElement;
  footerLinks: HTMLAnchorElement[];
}

/** Builds the quick exit, the launcher and the (hidden) chat panel. */
export function buildMarkup(settings: WidgetSettings): WidgetMarkup {
  const exitRoot = element('div', { class: 'wm-root', id: 'waymark-quick-exit' });
  const root = element('div', { class: 'wm-root', id: 'waymark-widget' });

  // The dots show how many Shift presses have counted.
  const exitDots = element('span', { class: 'wm-exit-dots', 'aria-hidden': 'true', hidden: '' }, [
    element('span', { class: 'wm-exit-dot' }),
    element('span', { class: 'wm-exit-dot' }),
    element('span', { class: 'wm-exit-dot' }),
  ]);
  // As GOV.UK's "Exit this page": screen readers hear "Emergency" first.
  const exitLabel = element('span', { class: 'wm-exit-label' }, [
    element('span', { class: 'wm-visually-hidden' }, ['Emergency: ']),
    'Leave this site',
  ]);
  // A link to the neutral site, so it still works if a script error stops the click
  // handler; role=button because it acts like one.
  const exitButton = element(
    'a',
    {
      class: 'wm-exit',
      href: settings.exitUrl,
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
    [settings.launcherText],
  );

  const title = element('h2', { class: 'wm-title', id: 'wm-title' }, [
    `${settings.charityName} chat`,
  ]);
  const danger = element('p', { class: 'wm-danger' }, ['In danger now? Call ', call999Link(), '.']);
  const hideButton = element(
    'button',
    {
      type: 'button',
      class: 'wm-hide',
      'data-waymark': 'hide',
      'aria-label': 'Hide chat (the conversation stays open)',
    },
    ['Hide'],
  );
  // Ends and forgets the chat; the page stays. Only "Leave this site" leaves.
  const endButton = element(
    'button',
    {
      type: 'button',
      class: 'wm-hide',
      'data-waymark': 'end-chat',
      'aria-label': 'End chat (deletes this conversation; this page stays)',
    },
    ['End chat'],
  );
  const header = element('div', { class: 'wm-header' }, [
    element('div', { class: 'wm-header-text' }, [title, danger]),
    element('div', { class: 'wm-header-buttons' }, [endButton, hideButton]),
  ]);

  const note = element('p', {
    class: 'wm-note',
    role: 'status',
    hidden: '',
    'data-waymark': 'note',
  });
  const chat = element('div', { class: 'wm-chat', 'data-waymark': 'chat' });
  const status = element('p', { class: 'wm-status', role: 'status' }, ['Starting the chat…']);
  chat.append(status);

  const footerLinks = [
    newTabLink(`${settings.botHost}/staying-safe-online`, 'Staying safe online'),
    newTabLink(`${settings.botHost}/privacy`, 'Privacy'),
  ];
  const footer = element('div', { class: 'wm-footer' }, [
    element('p', { 'data-waymark': 'leave-hint' }, [leaveHint()]),
    element('div', { class: 'wm-footer-links' }, footerLinks),
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
    [header, note, chat, footer],
  );

  exitRoot.append(exitButton, announcer);
  root.append(launcher, panel);
  return {
    exitRoot,
    root,
    exitButton,
    exitDots,
    announcer,
    launcher,
    panel,
    hideButton,
    endButton,
    chat,
    status,
    note,
    footerLinks,
  };
}

/** Touch screens have no Shift key: say what works there. */
function leaveHint(): string {
  const touch = window.matchMedia?.('(hover: none) and (pointer: coarse)').matches ?? false;
  return touch
    ? 'Leave fast: tap "Leave this site", or type "exit".'
    : 'Leave fast: press Shift 3 times, or type "exit".';
}

function newTabLink(href: string, text: string): HTMLAnchorElement {
  return element('a', { href, target: '_blank', rel: 'noopener noreferrer' }, [
    text,
    element('span', { class: 'wm-visually-hidden' }, [' (opens in a new tab)']),
  ]);
}
