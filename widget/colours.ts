/** Colour helpers, so that a charity's brand colour never makes the widget unreadable. */

/** Accepts #rgb or #rrggbb only, so that nothing else reaches a style. */
export function safeColour(value: string | undefined): string {
  const text = (value ?? '').trim().slice(0, 7);
  if (/^#[0-9a-f]{6}$/i.test(text)) return text.toLowerCase();
  if (/^#[0-9a-f]{3}$/i.test(text)) {
    const [r, g, b] = [text[1], text[2], text[3]] as [string, string, string];
    return `#${r}${r}${g}${g}${b}${b}`.toLowerCase();
  }
  return '';
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [
    number,
    number,
    number,
  ];
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** White or near-black text, whichever reads better on the charity's colour. */
export function textOn(background: string): string {
  return contrast(background, '#ffffff') >= contrast(background, '#1b1b1b') ? '#ffffff' : '#1b1b1b';
}

/**
 * A version of the charity colour dark enough to use as text or a border on white (at
 * least 4.5:1), so that a pale brand colour never makes links or buttons unreadable.
 */
export function readableOnWhite(hex: string): string {
  let rgb = channels(hex);
  let colour = hex;
  for (let step = 0; step < 20 && contrast(colour, '#ffffff') < 4.5; step += 1) {
    rgb = rgb.map((channel) => Math.round(channel * 0.85)) as [number, number, number];
    colour = `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
  }
  return colour;
}
