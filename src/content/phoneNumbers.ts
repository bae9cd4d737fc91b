/**
 * Short numbers that are valid although they are not full UK numbers: 999, NHS 111,
 * police 101, Samaritans 116 123, Relay UK 18000/18001, Shout 85258, Childline 0800 1111,
 * and the press-55 step of the Silent Solution.
 */
export const SHORT_NUMBER_ALLOWLIST = new Set([
  '999',
  '111',
  '101',
  '116123',
  '18000',
  '18001',
  '85258',
  '08001111',
  '55',
]);

/**
 * True for a valid UK number: an allowlisted short number, or a national number of 10 or
 * 11 digits starting 01, 02, 03, 05, 07, 08 or 09 (spaces allowed), either of them after the Relay UK prefix.
 */
export function isValidUkNumber(written: string): boolean {
  const digits = written.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return false;
  if (SHORT_NUMBER_ALLOWLIST.has(digits)) return true;
  // Relay UK: 18001 (or 18000 for 999) dialled before a number, from a textphone.
  const relayed = /^1800[01](\d+)$/.exec(digits);
  if (relayed?.[1] && isValidUkNumber(relayed[1])) return true;
  return /^0[1235789]\d{8,9}$/.test(digits);
}

/** Phone-number-like runs of digits in text: "0808 2000 247", "116 123", "999". */
export function findNumbers(text: string): string[] {
  return (text.match(/(?<![\w.])\d[\d ]{1,14}\d(?!\w|\.\d)/g) ?? []).map((n) => n.trim());
}
