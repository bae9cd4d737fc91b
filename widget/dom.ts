/**
 * Builds an element with attributes and children. Text is only ever added as text nodes
 * (never as HTML), so nothing from a data- attribute or the server can become markup.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A link to call 999, which every fail-safe notice carries. */
export function call999Link(): HTMLAnchorElement {
  return element('a', { href: 'tel:999' }, ['999']);
}
