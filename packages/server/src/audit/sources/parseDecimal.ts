/**
 * Parses a decimal number written in buf[start, end) as plain ASCII (an optional sign, digits,
 * an optional fraction), the way `Number()` would, without building a string. Returns
 * `undefined` when the text has any other form (exponents, spaces, hex, "NaN", more than 15
 * significant digits), so the caller can fall back to `Number()` on the decoded text.
 *
 * Exactness: the digits form an integer m < 10^15 < 2^53 and the fraction k <= 22 digits, so
 * m and 10^k are exact doubles and m / 10^k is correctly rounded, equal to `Number()`'s result.
 */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

export function parseDecimal(buf: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  const first = buf[i];
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenPoint = false;
  let seenDigit = false;
  for (; i < end; i++) {
    const b = buf[i]!;
    if (b >= 48 && b <= 57) {
      seenDigit = true;
      if (mantissa !== 0 || b !== 48) digits++;
      if (digits > 15) return undefined;
      mantissa = mantissa * 10 + (b - 48);
      if (seenPoint) fractionDigits++;
    } else if (b === 46 /* . */ && !seenPoint) {
      seenPoint = true;
    } else {
      return undefined;
    }
  }
  if (!seenDigit || fractionDigits > 22) return undefined;
  const value = mantissa / POWERS_OF_TEN[fractionDigits]!;
  return negative ? -value : value;
}
