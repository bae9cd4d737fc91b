import { readableOnWhite, safeColour, textOn } from './colours.js';

/** What the bot host fills in when it serves widget.js (see src/web/registerWebPages.ts). */
export interface ServerConfig {
  /** Whole messages that leave the site at once (content/commands.yml `leaveSite`). */
  exitWords: string[];
  /** The neutral site that quick exit goes to (the EXIT_URL setting). */
  exitUrl: string;
  /** The Web Chat bundle's content-hashed path on the bot host, e.g. /webchat/webchat.<hash>.js. */
  webChatUrl?: string;
}

/** The widget's settings, from its script tag's data- attributes and the server's config. */
export interface WidgetSettings {
  /** The origin that served widget.js: the bot host, where every request goes. */
  botHost: string;
  charityName: string;
  launcherText: string;
  brandColour: string;
  /** Text colour on the brand colour. */
  brandText: string;
  /** The brand colour darkened until it reads on white (for links and borders). */
  brandOnWhite: string;
  exitUrl: string;
  exitWords: string[];
  /** The Web Chat bundle's path on the bot host. */
  webChatPath: string;
  /** Open the panel as soon as the page loads (`data-open="true"`). */
  openAtStart: boolean;
}

const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather';
const DEFAULT_COLOUR = '#2f5d62';

/** Trims a data- attribute and caps its length. Text is only ever set with textContent. */
export function clean(value: string | undefined, maxLength: number): string {
  return typeof value === 'string' ? value.trim().slice(0, maxLength) : '';
}

/** An http(s) URL, or '' for anything else (javascript:, data:, junk). */
export function safeHttpUrl(value: string | undefined): string {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
  } catch {
    return '';
  }
}

/** Reads the settings from the widget's own script tag and the server's config. */
export function readSettings(
  script: HTMLScriptElement | null,
  server: ServerConfig,
  baseUri: string,
): WidgetSettings {
  const data: DOMStringMap = script?.dataset ?? {};
  const brandColour = safeColour(data.colour) || DEFAULT_COLOUR;
  return {
    botHost: new URL(script ? script.src : '/widget.js', baseUri).origin,
    charityName: clean(data.charityName, 80) || 'our charity',
    launcherText: clean(data.launcherText, 60) || 'Chat with us',
    brandColour,
    brandText: textOn(brandColour),
    brandOnWhite: readableOnWhite(brandColour),
    exitUrl: safeHttpUrl(server.exitUrl) || DEFAULT_EXIT_URL,
    exitWords: Array.isArray(server.exitWords) ? server.exitWords : [],
    webChatPath: /^\/webchat\/[\w.-]+\.js$/.test(server.webChatUrl ?? '')
      ? (server.webChatUrl as string)
      : '/webchat/webchat.js',
    openAtStart: data.open === 'true',
  };
}
