import type { ConnectionNotice } from './connectionNotice.js';
import { call999Link, element } from './dom.js';
import type { ExitWords } from './exitWords.js';
import { liveSocketClass } from './liveSocket.js';
import { callFromThisTab, linkPhoneNumbers } from './phoneLinks.js';
import type { SiteTabs } from './siteTabs.js';
import { britishTimestamps } from './timestamps.js';
import { tuneDirectLine } from './tuneDirectLine.js';
import { endOnServer, fetchToken, loadWebChat } from './loadWebChat.js';
import { PendingEnds } from './pendingEnds.js';
import type { WidgetMarkup } from './markup.js';
import type { WidgetSettings } from './settings.js';
import { adaptiveCardsHostConfig, webChatStyleOptions } from './webChatOptions.js';
import {
  ConnectionStatus,
  type CardActionMiddleware,
  type DirectLine,
  type StoreMiddleware,
  type WebChatStore,
} from './webChatTypes.js';

/**
 * If the server ends the conversation this soon after the person sent something, the bot
 * took that message as "end chat" ("stop", "close this chat"…): the notice says the person
 * ended it, rather than that it ended by itself.
 */
const ENDED_AFTER_SEND_MS = 15000;
/** The server sends something at least every 20 s; twice that and more is a dead line. */
const SILENT_LINE_MS = 45000;
/**
 * botframework-directlinejs waits `3 s + random() × 12 s` before it reconnects a closed
 * socket, and `timeout` between failed reconnects and for each request. A person in danger
 * should not wait 15 s: reconnect after 3–4 s, and retry every 10 s.
 */
const RECONNECT_RANDOM = () => Math.random() / 12;
const DIRECT_LINE_TIMEOUT_MS = 10000;
/** How long Web Chat may take to disconnect before the connection is ended anyway. */
const DISCONNECT_WAIT_MS = 2000;

/** One chat's link between forget() and its store middleware. */
interface OpenChat {
  /** Called once Web Chat has disconnected from this chat's connection. */
  disconnected?: () => void;
}

/**
 * One chat in the panel: the token, the Direct Line connection and Web Chat. The token is
 * kept in memory only; nothing is written to any browser storage, and Web Chat is given no
 * option that would (no resume, no speech, no uploads).
 */
export class ChatSession {
  private token: string | undefined;
  private directLine: DirectLine | undefined;
  private starting: Promise<void> | undefined;
  private lastSentAt = 0;
  private readonly pendingEnds: PendingEnds;
  /** Set when this page was reloaded: the first chat says that any earlier one has ended. */
  private reloaded = wasReloaded();
  started = false;

  constructor(
    private readonly settings: WidgetSettings,
    private readonly markup: WidgetMarkup,
    private readonly exitWords: ExitWords,
    private readonly quickExit: () => void,
    private readonly isExiting: () => boolean,
    private readonly connection: ConnectionNotice,
    private readonly tabs: SiteTabs,
  ) {
    this.pendingEnds = new PendingEnds(`${settings.botHost}/api/webchat/end`);
    window.addEventListener('offline', () => {
      if (this.started) this.connection.set('offline');
    });
    window.addEventListener('online', () => {
      if (!this.started) return;
      this.connection.set(this.lineOpen ? 'connected' : 'reconnecting');
      this.closeSockets();
    });
  }

  private lineOpen = false;
  private webChatProps: Record<string, unknown> = {};
  private render: () => void = () => undefined;
  private renderedHeight = 0;

  /**
   * Web Chat's layout follows the panel: when the panel changes height (a phone keyboard,
   * zoom, rotating), the choices' share of it is worked out again, through styleOptions.
   */
  relayout(): void {
    if (this.started) this.render();
  }

  /** The choices may take about a third of the chat area, and scroll past that. */
  private suggestedHeight(): number {
    const area = this.markup.chat.clientHeight || 400;
    return Math.max(88, Math.min(260, Math.round((area * 0.34) / 8) * 8));
  }
  private closeSockets: () => void = () => undefined;
  /** Web Chat's Redux store for the chat now open. */
  private store: WebChatStore | undefined;
  /** The chat now open, as its store middleware knows it. */
  private chat: OpenChat = {};

  /** Tells the person the truth about the line (see ConnectionNotice). */
  private onLine(state: 'open' | 'closed'): void {
    this.lineOpen = state === 'open';
    if (!this.started || this.isExiting()) return;
    if (state === 'open') this.connection.set(navigator.onLine ? 'connected' : 'offline');
    else this.connection.set(navigator.onLine ? 'reconnecting' : 'offline');
  }

  /** Starts the chat once; later calls give the same promise. */
  start(): Promise<void> {
    this.starting ??= this.connect().catch((error: unknown) => {
      if (this.isExiting()) return;
      // Fail safe: the person still sees 999 even when the chat cannot start.
      this.starting = undefined;
      const { chat, status } = this.markup;
      chat.replaceChildren(status);
      status.replaceChildren(
        'Sorry, the chat cannot start right now. If you are in danger, call ',
        call999Link(),
        '. You can try again later.',
      );
      throw error;
    });
    return this.starting;
  }

  /** "End chat": ends and forgets the conversation, and keeps the page, with 999 in reach. */
  endByPerson(): void {
    if (!this.token) return;
    // Sent again once back online if it cannot be sent now (the page stays, so it can be).
    this.pendingEnds.end(this.token);
    this.forget();
    this.showEnded('You ended this chat, and it has been deleted.');
  }

  /**
   * The page is going away (closed, reloaded or left), other than by quick exit: the chat
   * ends and is deleted at once, rather than staying readable with its token until it
   * expires. Should the browser bring the page back from its cache, it says so.
   */
  endBecausePageHides(): void {
    if (!this.token) return;
    this.endAndForget();
    this.showEnded('This chat ended when the page was left or reloaded, and it has been deleted.');
  }

  /** Ends the conversation on the server (without waiting) and forgets it here. */
  endAndForget(): void {
    if (this.token) endOnServer(this.settings.botHost, this.token);
    this.forget();
  }

  /** Drops the token and the connection, and removes the transcript from the page. */
  forget(): void {
    this.token = undefined;
    this.render = () => undefined;
    this.renderedHeight = 0;
    this.closeSockets = () => undefined;
    this.connection.clear();
    // Let go of the connection before ending it: ending it reports "Ended", and onEnded must
    // then see that this chat is already gone (it called forget again, without end, until the
    // stack overflowed: an uncaught error on the page at every exit).
    const directLine = this.directLine;
    const store = this.store;
    const chat = this.chat;
    this.directLine = undefined;
    this.store = undefined;
    if (directLine) {
      // Web Chat's own disconnect first, so it stops reading the connection, then the end.
      // Ended while Web Chat still read it, its reads failed with an uncaught "conversation
      // ended" on the page. (On the next task: this may run inside Web Chat's store.)
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        try {
          directLine.end();
        } catch {
          // Already ended.
        }
      };
      chat.disconnected = end;
      window.setTimeout(() => {
        try {
          store?.dispatch({ type: 'DIRECT_LINE/DISCONNECT' });
        } catch {
          end();
        }
        window.setTimeout(end, DISCONNECT_WAIT_MS);
      }, 0);
    }
    this.markup.chat.replaceChildren();
    this.markup.note.hidden = true;
  }

  /** The send box, once Web Chat has rendered it. */
  sendBox(): HTMLElement | null {
    return this.markup.chat.querySelector('[data-id="webchat-sendbox-input"]');
  }

  private async connect(): Promise<void> {
    const [WebChat, issued] = await Promise.all([
      loadWebChat(this.settings.botHost, this.settings.webChatPath),
      fetchToken(this.settings.botHost),
    ]);
    if (this.isExiting()) throw new Error('exiting');
    this.token = issued.token;
    const domain = new URL(issued.domain ?? '/v3/directline', this.settings.botHost).href.replace(
      /\/$/,
      '',
    );
    // Replies come over a WebSocket (both the self-hosted channel and Azure offer one), which
    // reconnects with the watermark after a drop; polling stops for good on a failed poll.
    // (A browser without WebSocket polls, as Web Chat does by itself.)
    const webSocket = typeof WebSocket === 'function';
    const directLine = WebChat.createDirectLine({ token: issued.token, domain, webSocket });
    if (webSocket) {
      const line = liveSocketClass((state) => this.onLine(state), SILENT_LINE_MS);
      this.closeSockets = line.closeAll;
      tuneDirectLine(directLine, {
        WebSocket: line.Socket,
        random: RECONNECT_RANDOM,
        timeoutMs: DIRECT_LINE_TIMEOUT_MS,
      });
    }
    this.directLine = directLine;
    directLine.connectionStatus$.subscribe((connectionStatus) => {
      if (connectionStatus === ConnectionStatus.Ended && directLine === this.directLine) {
        this.onEnded();
      }
    });
    this.chat = {};
    // A fresh element for each chat, so a new chat never reuses an old one's DOM.
    const host = element('div', { class: 'wm-webchat-host' });
    this.markup.chat.replaceChildren(host);
    this.webChatProps = {
      directLine,
      store: (this.store = WebChat.createStore({}, this.storeMiddleware(this.chat))),
      adaptiveCardsHostConfig: adaptiveCardsHostConfig(this.settings),
      cardActionMiddleware: this.cardActions(),
      activityStatusMiddleware: britishTimestamps(),
      // Web Chat's own markdown renderer, then phone numbers as same-tab tel: links.
      renderMarkdown: (markdown: string, ...rest: unknown[]) =>
        linkPhoneNumbers(WebChat.renderMarkdown(markdown, ...rest), this.settings.botHost),
      locale: 'en-GB',
      sendTypingIndicator: false,
      overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: 'Type your message' },
    };
    this.render = () => {
      const suggestedHeight = this.suggestedHeight();
      if (suggestedHeight === this.renderedHeight) return;
      this.renderedHeight = suggestedHeight;
      WebChat.renderWebChat(
        {
          ...this.webChatProps,
          styleOptions: webChatStyleOptions(this.settings, suggestedHeight),
        },
        host,
      );
    };
    this.render();
    this.markup.endButton.hidden = false;
    if (this.reloaded) {
      // Nothing is kept in the browser, so a reload cannot bring a chat back: say so plainly.
      this.reloaded = false;
      this.markup.note.textContent =
        'This page was reloaded, so any chat from before has ended and been deleted.';
      this.markup.note.hidden = false;
    }
    this.started = true;
    await waitFor(() => this.hardenSendBox());
  }

  /**
   * Card buttons: "Call …" dials from this tab (no blank tab left behind); a website opens
   * in a tab the widget can close on quick exit.
   */
  private cardActions(): CardActionMiddleware {
    return () => (next) => (context) => {
      const { type, value } = context.cardAction;
      const url = typeof value === 'string' ? value : '';
      if (type === 'call' || (type === 'openUrl' && /^tel:/i.test(url))) {
        callFromThisTab(url.startsWith('tel:') ? url : `tel:${url}`);
        return undefined;
      }
      if (type === 'openUrl' && /^https?:/i.test(url)) {
        this.tabs.open(url);
        return undefined;
      }
      return next(context);
    };
  }

  /**
   * Watches the conversation through Web Chat's store:
   * - a message that is a leave-site word fires the quick exit (and is never posted);
   * - an endOfConversation from the bot (after its exit reply, or the channel's own when the
   *   conversation is deleted or expires) ends the chat, and the page stays (see onEnded);
   * - it notes when the person last sent something.
   */
  private storeMiddleware(chat: OpenChat): StoreMiddleware {
    return () => (next) => (action) => {
      // Web Chat's disconnect runs to its end, even while leaving (see forget).
      if (action.type.startsWith('DIRECT_LINE/DISCONNECT')) {
        if (action.type === 'DIRECT_LINE/DISCONNECT_FULFILLED') chat.disconnected?.();
        return next(action);
      }
      if (this.isExiting()) return undefined;
      const payload = action.payload;
      if (action.type === 'WEB_CHAT/SEND_MESSAGE' && this.exitWords.matches(payload?.text)) {
        this.quickExit();
        return undefined;
      }
      if (action.type === 'DIRECT_LINE/POST_ACTIVITY' && payload?.activity) {
        const activity = payload.activity;
        if (activity.type === 'message' && this.exitWords.matches(activity.text)) {
          this.quickExit();
          return undefined;
        }
        this.lastSentAt = Date.now();
        this.markup.note.hidden = true;
      }
      if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && payload?.activity) {
        const incoming = payload.activity;
        const fromBot = incoming.from?.role === 'bot';
        // The end is signalled by an endOfConversation activity (the bot's own after its
        // exit reply, or the channel's when the conversation is deleted or expires), never
        // by which reply came.
        if (fromBot && incoming.type === 'endOfConversation') {
          this.onEnded();
          return undefined;
        }
      }
      return next(action);
    };
  }

  /**
   * The server ended the conversation: the bot's "end chat" right after the person sent
   * something, or it expired, or the server restarted. The page stays; the notice says so
   * calmly, with 999, and offers a new chat.
   */
  private onEnded(): void {
    if (this.isExiting() || !this.started) return;
    const byPerson = Date.now() - this.lastSentAt < ENDED_AFTER_SEND_MS;
    this.forget();
    this.showEnded(
      byPerson
        ? 'You ended this chat, and it has been deleted.'
        : 'This chat has ended, and it has been deleted.',
    );
  }

  private showEnded(what: string): void {
    this.started = false;
    this.starting = undefined;
    // No chat to end until a new one starts.
    this.markup.endButton.hidden = true;
    const { chat, status, panel } = this.markup;
    const restart = element('button', { type: 'button', class: 'wm-restart' }, [
      'Start a new chat',
    ]);
    restart.addEventListener('click', () => {
      status.textContent = 'Starting the chat…';
      chat.replaceChildren(status);
      this.start().then(
        () => this.focusSendBox(),
        () => undefined,
      );
    });
    status.replaceChildren(what, ' If you are in danger, call ', call999Link(), '.');
    chat.replaceChildren(status, restart);
    if (!panel.hidden) restart.focus();
  }

  focusSendBox(): void {
    const input = this.sendBox();
    if (input && !this.markup.panel.hidden) input.focus();
  }

  /** The send box should not be remembered by the browser's form history. */
  private hardenSendBox(): boolean {
    const input = this.sendBox();
    if (!input) return false;
    input.setAttribute('autocomplete', 'off');
    return true;
  }
}

/** Resolves once check() returns true (checked on each animation frame, for up to 10 s). */
function waitFor(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = () => {
      if (check() || Date.now() - started > 10000) resolve();
      else window.requestAnimationFrame(poll);
    };
    poll();
  });
}

/** True when the browser reloaded this page (not a first visit or a link). */
function wasReloaded(): boolean {
  try {
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    return navigation?.type === 'reload';
  } catch {
    return false;
  }
}
