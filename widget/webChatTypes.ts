/**
 * The small part of the Bot Framework Web Chat UMD bundle (window.WebChat) and of
 * botframework-directlinejs that the widget uses. Web Chat is loaded at run time from the
 * bot host, so these are declared here rather than imported.
 */

/** A Direct Line activity, as far as the widget reads it. */
export interface DirectLineActivity {
  type?: string;
  id?: string;
  text?: string;
  from?: { id?: string; role?: string };
  channelData?: { signpost?: { step?: string; urgency?: string } } & Record<string, unknown>;
}

/** A Redux action passing through Web Chat's store. */
export interface WebChatAction {
  type: string;
  payload?: {
    activity?: DirectLineActivity;
    text?: string;
    connectionStatus?: number;
  } & Record<string, unknown>;
}

export type Dispatch = (action: WebChatAction) => unknown;
export type StoreMiddleware = (api: {
  dispatch: Dispatch;
}) => (next: Dispatch) => (action: WebChatAction) => unknown;

/** A card action as Web Chat's cardActionMiddleware sees it. */
export interface CardAction {
  type?: string;
  value?: unknown;
  title?: string;
}
export type CardActionHandler = (context: { cardAction: CardAction }) => unknown;
export type CardActionMiddleware = () => (next: CardActionHandler) => CardActionHandler;

/** botframework-directlinejs ConnectionStatus. */
export const ConnectionStatus = {
  Uninitialized: 0,
  Connecting: 1,
  Online: 2,
  ExpiredToken: 3,
  FailedToConnect: 4,
  Ended: 5,
} as const;

export interface DirectLine {
  connectionStatus$: { subscribe(next: (status: number) => void): { unsubscribe(): void } };
  end(): void;
}

export interface DirectLineOptions {
  token: string;
  domain: string;
  webSocket: boolean;
  conversationId?: string;
}

/** Web Chat's Redux store. */
export interface WebChatStore {
  dispatch: Dispatch;
}

export interface WebChatGlobal {
  createDirectLine(options: DirectLineOptions): DirectLine;
  createStore(initialState: object, ...middleware: StoreMiddleware[]): WebChatStore;
  renderWebChat(props: Record<string, unknown>, host: HTMLElement): void;
  /** Web Chat's own markdown renderer (markdown-it, sanitised), as the transcript uses it. */
  renderMarkdown(markdown: string, ...options: unknown[]): string;
}

declare global {
  interface Window {
    WebChat?: WebChatGlobal;
    Waymark?: Readonly<{ open(): void; close(): void; quickExit(): void }>;
    __waymarkWidgetLoaded?: boolean;
  }
}
