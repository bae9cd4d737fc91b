import { SegmentedMessage } from 'sms-segments-calculator';

/**
 * Punctuation that has a plain GSM-7 equivalent with the same meaning. One character
 * outside GSM-7 makes the whole message UCS-2 (70 characters a segment instead of 160),
 * so these are swapped before sending. Letters are never changed: Welsh ŵ and ŷ (and
 * â, ê, î, ô, û) keep their meaning only as written, so they stay and are counted.
 */
const GSM_EQUIVALENTS: ReadonlyMap<string, string> = new Map([
  ['\u2018', "'"], // ‘
  ['\u2019', "'"], // ’
  ['\u201A', "'"], // ‚
  ['\u201B', "'"], // ‛
  ['\u2032', "'"], // ′
  ['\u201C', '"'], // “
  ['\u201D', '"'], // ”
  ['\u201E', '"'], // „
  ['\u201F', '"'], // ‟
  ['\u2033', '"'], // ″
  ['\u2010', '-'], // ‐
  ['\u2011', '-'], // non-breaking hyphen
  ['\u2012', '-'], // ‒
  ['\u2013', '-'], // – (as in "Mon–Fri 9am–5pm")
  ['\u2014', '-'], // —
  ['\u2015', '-'], // ―
  ['\u2212', '-'], // minus
  ['\u2026', '...'], // …
  ['\u2022', '-'], // •
  ['\u00B7', '-'], // ·
  ['\u00A0', ' '], // no-break space
  ['\u2007', ' '],
  ['\u2009', ' '], // thin space
  ['\u202F', ' '], // narrow no-break space
  ['\u200B', ''], // zero-width space
  ['\u2060', ''], // word joiner
  ['\uFEFF', ''], // byte-order mark
]);

const SWAPPABLE = new RegExp(`[${[...GSM_EQUIVALENTS.keys()].join('')}]`, 'g');

/** Text with curly quotes, dashes, ellipses, bullets and odd spaces made GSM-7. */
export function normaliseForGsm(text: string): string {
  return text.replace(SWAPPABLE, (char) => GSM_EQUIVALENTS.get(char) ?? char);
}

/** How a message would travel: its encoding and how many SMS segments it takes. */
export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Characters as the calculator counts them (GSM-7 escapes such as € count two). */
  characters: number;
}

/** Counts are kept for texts seen before: content repeats, and the calculator is slow. */
const counted = new Map<string, SegmentCount>();
const MAX_REMEMBERED = 5_000;

/**
 * Counts segments with Twilio's own calculator, so the count matches what Twilio bills.
 * The calculator splits graphemes and takes milliseconds for a long text, so results for
 * recent texts are remembered (content repeats from turn to turn).
 */
export function countSegments(text: string): SegmentCount {
  const known = counted.get(text);
  if (known) return known;
  const message = new SegmentedMessage(text, 'auto');
  const count: SegmentCount = {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    characters: message.numberOfCharacters,
  };
  if (counted.size >= MAX_REMEMBERED) counted.clear();
  counted.set(text, count);
  return count;
}
