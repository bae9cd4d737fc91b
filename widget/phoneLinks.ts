/**
 * Phone numbers in the bot's messages become real `tel:` links that open in the same tab
 * (so they can be tapped to call, or long-pressed to copy), including the 999 of the
 * emergency reply. Web Chat renders markdown links to open in a new tab; that is undone
 * for `tel:` links, which would otherwise leave a blank tab behind.
 */

/**
 * UK numbers as the content writes them: 999, 111, 116 123 (and other 116 numbers), 18000,
 * and 0-prefixed numbers with optional spaces ("0808 2000 247", "01702 302333"). A short
 * code for texting (85258) is not a number to call, so it is left alone.
 */
const PHONE_NUMBER = /(?<![\d+])(999|111|18000|116 ?\d{3}|0\d{2,4}(?: ?\d{3,4}){1,3})(?![\d])/g;

/** The digits to dial for a number as written. */
export function telHref(written: string): string {
  return `tel:${written.replace(/\D/g, '')}`;
}

/** Splits text into plain runs and phone numbers, in order. */
export function findPhoneNumbers(text: string): { text: string; phone: boolean }[] {
  const parts: { text: string; phone: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE_NUMBER)) {
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start), phone: false });
    parts.push({ text: match[0], phone: true });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), phone: false });
  return parts;
}

/**
 * Makes a rendered bot message's phone numbers into same-tab `tel:` links. Links to the
 * bot's own pages made without PUBLIC_URL name `localhost`; they are pointed at `botHost`,
 * where the widget came from.
 */
export function linkPhoneNumbers(html: string, botHost: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  for (const link of Array.from(root.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    const url = new URL(link.href);
    if (url.hostname === 'localhost' && url.origin !== botHost) {
      link.href = `${botHost}${url.pathname}${url.search}`;
    }
  }
  // Links Web Chat made for tel: (from markdown) open in this tab, and say nothing of tabs.
  for (const link of Array.from(root.querySelectorAll('a[href^="tel:" i]'))) sameTab(link);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node as Text).parentElement?.closest('a, code, pre, button')) texts.push(node as Text);
  }
  for (const node of texts) {
    const parts = findPhoneNumbers(node.data);
    if (!parts.some((part) => part.phone)) continue;
    const replacement = document.createDocumentFragment();
    for (const part of parts) {
      if (!part.phone) {
        replacement.append(part.text);
        continue;
      }
      const link = document.createElement('a');
      link.href = telHref(part.text);
      link.className = 'wm-tel';
      link.textContent = part.text;
      replacement.append(link);
    }
    node.replaceWith(replacement);
  }
  return template.innerHTML;
}

function sameTab(link: Element): void {
  link.removeAttribute('target');
  link.removeAttribute('rel');
  link.removeAttribute('aria-label');
  for (const icon of Array.from(link.querySelectorAll('img'))) icon.remove();
}

/** Dials a `tel:` URL from this tab, as a tap on a real link would. */
export function callFromThisTab(href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.hidden = true;
  // In the page, so the click is seen (and can be handled) like any other link's.
  document.body.append(link);
  link.click();
  link.remove();
}
