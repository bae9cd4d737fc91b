const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * A whole number written in words, from "zero" to "ninety nine" ("fifteen", "twenty one",
 * "forty-two" once normalised); undefined for anything else. Our own, so that a stated age
 * is understood the same way from the first message, whether or not the slower
 * recognizers have loaded.
 */
export function numberFromWords(normalised: string): number | undefined {
  const words = normalised.trim().split(/\s+/);
  if (words.length === 1) {
    const unit = UNITS.indexOf(words[0] ?? '');
    if (unit >= 0) return unit;
    const tens = TENS.indexOf(words[0] ?? '');
    return tens >= 2 ? tens * 10 : undefined;
  }
  if (words.length === 2) {
    const tens = TENS.indexOf(words[0] ?? '');
    const unit = UNITS.indexOf(words[1] ?? '');
    if (tens >= 2 && unit >= 1 && unit <= 9) return tens * 10 + unit;
  }
  return undefined;
}
