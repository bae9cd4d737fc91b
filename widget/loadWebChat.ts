import { element } from './dom.js';
import type { WebChatGlobal } from './webChatTypes.js';

let loading: Promise<WebChatGlobal> | undefined;

/** Loads the Web Chat bundle from the bot host (never a CDN), once, on first open. */
export function loadWebChat(botHost: string, bundlePath: string): Promise<WebChatGlobal> {
  const loaded = window.WebChat;
  if (loaded && typeof loaded.renderWebChat === 'function') return Promise.resolve(loaded);
  loading ??= new Promise<WebChatGlobal>((resolve, reject) => {
    const tag = element('script', { src: `${botHost}${bundlePath}`, async: '' });
    tag.addEventListener('load', () => {
      if (window.WebChat) resolve(window.WebChat);
      else reject(new Error('Web Chat did not load'));
    });
    tag.addEventListener('error', () => {
      loading = undefined;
      reject(new Error('Web Chat did not load'));
    });
    document.head.append(tag);
  });
  return loading;
}

/** A conversation token from the bot host; the Direct Line secret never reaches the browser. */
export interface IssuedToken {
  token: string;
  conversationId?: string;
  domain?: string;
  mode?: 'self-hosted' | 'azure';
}

/** Asks the bot host for a Direct Line token. */
export async function fetchToken(botHost: string): Promise<IssuedToken> {
  const response = await fetch(`${botHost}/api/webchat/token`, {
    method: 'POST',
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  return (await response.json()) as IssuedToken;
}

/** Ends the conversation on the server without waiting; a beacon survives navigation. */
export function endOnServer(botHost: string, token: string): void {
  const endUrl = `${botHost}/api/webchat/end`;
  try {
    // A string body is sent as text/plain, which needs no CORS preflight.
    if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(endUrl, token)) return;
  } catch {
    // Fall back to fetch.
  }
  try {
    fetch(endUrl, {
      method: 'POST',
      body: token,
      headers: { 'Content-Type': 'text/plain' },
      keepalive: true,
      mode: 'no-cors',
      credentials: 'omit',
    }).catch(() => undefined);
  } catch {
    // Nothing more can be done; the conversation still expires on the server.
  }
}
